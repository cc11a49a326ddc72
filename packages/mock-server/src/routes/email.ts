import { normalizeEmail } from '@verifik-auth/identifiers';
import { Hono } from 'hono';
import {
  emailAlreadyValidated,
  emailOtpExpired,
  emailValidationNotFound,
  invalidEmail,
  invalidEmailOtp,
  otpRecentlySent,
  otpSendFailed,
  signature,
} from '../errors.js';
import { otpString, readJsonObject, requireFields } from '../request-body.js';
import type { MockEnv, MockState } from '../state.js';

/** `POST /email-login` and `POST /email-login/confirm`, mounted under `/v2/projects`. */
export function emailRoutes(state: MockState): Hono<MockEnv> {
  const { options, store, tokens, authenticators } = state;
  const routes = new Hono<MockEnv>();

  routes.post('/email-login', async (c) => {
    // Verifik's docs send `email` in the query with no body; other clients send a JSON body.
    const body = await readJsonObject(c);
    const fields = { email: body.email ?? c.req.query('email') };
    requireFields(fields, ['email']);
    // A malformed address gets the same 404 as an unknown one: Verifik documents only that.
    const email = normalizeEmail(fields.email);
    if (!email || !options.clients.findEmail(email)) throw invalidEmail();

    const challenge = store.issue(`email:${email}`, `email:${email}`, { sendFails: c.get('sendFails') });
    if (!challenge) throw otpRecentlySent();

    const message = {
      method: 'email' as const,
      email,
      otp: challenge.code,
      sentAt: new Date(challenge.sentAt).toISOString(),
      expiresAt: new Date(challenge.expiresAt).toISOString(),
    };
    if (!challenge.sendFailed) store.deliver(message);

    return c.json({
      data: { status: 'sent', email, expiresAt: message.expiresAt },
      signature: signature(challenge.sentAt),
      id: 'EML01',
    });
  });

  routes.post('/email-login/confirm', async (c) => {
    const body = await readJsonObject(c);
    requireFields(body, ['email', 'otp']);
    const email = normalizeEmail(body.email);
    const client = email ? options.clients.findEmail(email) : undefined;
    if (!email || !client) throw invalidEmail();

    const identity = `email:${email}`;
    switch (store.check(identity, otpString(body.otp))) {
      case 'not_found':
        throw emailValidationNotFound();
      case 'validated':
        throw emailAlreadyValidated();
      case 'send_failed':
        throw otpSendFailed();
      case 'expired':
        throw emailOtpExpired();
      case 'mismatch':
        throw invalidEmailOtp();
      case 'ok':
        break;
    }
    // As for phones: after the code, without using it up.
    const askAuthenticator = authenticators.check(client.authenticator, body.authenticatorOTP);
    if (askAuthenticator) return c.json(askAuthenticator);
    store.consume(identity);
    authenticators.confirmed(client.authenticator);
    return c.json({ data: { accessToken: await tokens.issue(client.id), tokenType: 'bearer' } });
  });

  return routes;
}
