import type * as v from 'valibot';
import { describe, expectTypeOf, it } from 'vitest';
import { createVerifikClient } from './client.js';
import type {
  AuthenticatorRequired,
  EmailOtpConfirmation,
  EmailOtpRequest,
  OtpChallenge,
  PhoneGateway,
  PhoneOtpConfirmation,
  PhoneOtpRequest,
  Session,
  VerifikClient,
} from './client.types.js';
import type { PhoneLoginBody, PhoneLoginConfirmBody } from './request-bodies.js';
import type {
  AccessToken,
  EmailOtpConfirmationSchema,
  EmailOtpRequestSchema,
  PhoneLoginResponse,
  PhoneOtpConfirmationSchema,
  PhoneOtpRequestSchema,
  RefreshResponse,
} from './schemas.js';

describe('createVerifikClient', () => {
  it('returns a VerifikClient whose calls resolve to challenges and sessions', () => {
    const client = createVerifikClient();
    expectTypeOf(client).toEqualTypeOf<VerifikClient>();
    expectTypeOf(client.requestPhoneOtp).returns.resolves.toEqualTypeOf<OtpChallenge>();
    expectTypeOf(client.confirmEmailOtp).returns.resolves.toEqualTypeOf<Session | AuthenticatorRequired>();
    expectTypeOf(client.refreshSession).returns.resolves.toEqualTypeOf<Session>();
  });
});

describe('schemas', () => {
  it('accept exactly the client request types as input', () => {
    expectTypeOf<v.InferInput<typeof PhoneOtpRequestSchema>>().toEqualTypeOf<PhoneOtpRequest>();
    expectTypeOf<v.InferInput<typeof PhoneOtpConfirmationSchema>>().toEqualTypeOf<PhoneOtpConfirmation>();
    expectTypeOf<v.InferInput<typeof EmailOtpRequestSchema>>().toEqualTypeOf<EmailOtpRequest>();
    expectTypeOf<v.InferInput<typeof EmailOtpConfirmationSchema>>().toEqualTypeOf<EmailOtpConfirmation>();
  });

  it('infer wire bodies with phone as a string of digits and the documented field names', () => {
    expectTypeOf<PhoneLoginBody['phone']>().toEqualTypeOf<string>();
    expectTypeOf<PhoneLoginConfirmBody['phone']>().toEqualTypeOf<string>();
    expectTypeOf<PhoneLoginBody['type']>().toEqualTypeOf<'login'>();
    expectTypeOf<PhoneLoginBody['phoneGateway']>().toEqualTypeOf<PhoneGateway | undefined>();
    expectTypeOf<PhoneLoginConfirmBody>().toHaveProperty('authenticatorOTP');
  });

  it('infer tolerant responses', () => {
    expectTypeOf<PhoneLoginResponse['data']['phone']>().toEqualTypeOf<string | number | undefined>();
    expectTypeOf<AccessToken['tokenType']>().toEqualTypeOf<string>();
    expectTypeOf<RefreshResponse>().toEqualTypeOf<AccessToken>();
  });
});
