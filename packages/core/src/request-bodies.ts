import * as v from 'valibot';
import { PhoneGatewaySchema } from './schemas.js';

/*
 * Request bodies, exactly as Verifik receives them. The client builds them from already validated
 * input, so it only needs their inferred types: it imports this file with `import type`, which keeps
 * these schemas out of app bundles (valibot calls at module level are not tree-shaken). Tests can still
 * validate bodies against them.
 */

/**
 * Body of `POST /v2/projects/phone-login`. `phone` is the national number's digits as a string, as
 * Verifik's own login page sends it (the API-key page shows a number; both are taken). `language` is a
 * lower-cased primary subtag such as `es`.
 */
export const PhoneLoginBodySchema = v.object({
  countryCode: v.string(),
  phone: v.pipe(v.string(), v.digits()),
  type: v.literal('login'),
  phoneGateway: v.optional(PhoneGatewaySchema),
  language: v.optional(v.string()),
});
/** Body of `POST /v2/projects/phone-login`. */
export type PhoneLoginBody = v.InferOutput<typeof PhoneLoginBodySchema>;

/** Body of `POST /v2/projects/phone-login/confirm`. The 2FA code goes as `authenticatorOTP`. */
export const PhoneLoginConfirmBodySchema = v.object({
  countryCode: v.string(),
  phone: v.pipe(v.string(), v.digits()),
  otp: v.string(),
  authenticatorOTP: v.optional(v.string()),
});
/** Body of `POST /v2/projects/phone-login/confirm`. */
export type PhoneLoginConfirmBody = v.InferOutput<typeof PhoneLoginConfirmBodySchema>;

/** Body of `POST /v2/projects/email-login` (the email also goes as `?email=`). */
export const EmailLoginBodySchema = v.object({
  email: v.string(),
  language: v.optional(v.string()),
});
/** Body of `POST /v2/projects/email-login`. */
export type EmailLoginBody = v.InferOutput<typeof EmailLoginBodySchema>;

/** Body of `POST /v2/projects/email-login/confirm`. */
export const EmailLoginConfirmBodySchema = v.object({
  email: v.string(),
  otp: v.string(),
  authenticatorOTP: v.optional(v.string()),
});
/** Body of `POST /v2/projects/email-login/confirm`. */
export type EmailLoginConfirmBody = v.InferOutput<typeof EmailLoginConfirmBodySchema>;
