import { parseCountryCode, parsePhoneNumber } from '@verifik-auth/identifiers';
import { Hono } from 'hono';
import { phoneKey } from '../clients.js';
import {
  clientNotFound,
  invalidArgument,
  invalidCountryCode,
  invalidPhoneFormat,
  invalidPhoneOtp,
  otpRecentlySent,
  otpSendFailed,
  phoneAlreadyValidated,
  phoneOtpExpired,
  phoneValidationNotFound,
  signature,
} from '../errors.js';
import { randomObjectId, randomResponseId } from '../ids.js';
import { hashCode } from '../otp.js';
import { isMissing, type JsonObject, otpString, readJsonObject, requireFields } from '../request-body.js';
import type { MockEnv, MockState } from '../state.js';
import type { PhoneGateway } from '../store.js';

// Fixed ids standing in for Verifik's project and login flow, taken from its docs.
const project = '6266193db77ccc8111730c90';
const projectFlow = '658ed28b0990f300134d7b78';
const gateways: readonly PhoneGateway[] = ['whatsapp', 'sms', 'none'];

/**
 * The phone by the rule the client and the server handler share: a country code Verifik refuses gets
 * its own answer; any other malformed number (letters, a leading 0, over 15 digits in all) the phone's.
 */
function parseIdentity(body: JsonObject): { countryCode: string; phone: string } {
  if (parseCountryCode(body.countryCode) === undefined) throw invalidCountryCode();
  const parsed = parsePhoneNumber(body.countryCode, body.phone);
  if (!parsed) throw invalidPhoneFormat();
  return { countryCode: parsed.countryCode, phone: parsed.phone };
}

function parseGateway(value: unknown): PhoneGateway {
  if (value === undefined || value === null) return 'whatsapp';
  if (!gateways.includes(value as PhoneGateway))
    throw invalidArgument(`phoneGateway must be one of ${gateways.join(', ')}`);
  return value as PhoneGateway;
}

function parseLanguage(value: unknown): string {
  if (isMissing(value)) return 'en';
  if (typeof value !== 'string') throw invalidArgument('language must be a string');
  return value;
}

/** `POST /phone-login` and `POST /phone-login/confirm`, mounted under `/v2/projects`. */
export function phoneRoutes(state: MockState): Hono<MockEnv> {
  const { options, store, tokens, authenticators } = state;
  const routes = new Hono<MockEnv>();

  routes.post('/phone-login', async (c) => {
    const body = await readJsonObject(c);
    requireFields(body, ['countryCode', 'phone', 'type']);
    const { countryCode, phone } = parseIdentity(body);
    if (body.type !== 'login') throw invalidArgument('type must be "login"');
    const gateway = parseGateway(body.phoneGateway);
    const language = parseLanguage(body.language);
    const client = options.clients.findPhone(countryCode, phone);
    if (!client) throw clientNotFound();

    const key = phoneKey(countryCode, phone);
    // The cooldown is per phone and gateway; the code is per phone, so a resend replaces it.
    const challenge = store.issue(`phone:${key}`, `phone:${key}|${gateway}`, {
      sendFails: c.get('sendFails'),
    });
    if (!challenge) throw otpRecentlySent();

    const message = {
      method: 'phone' as const,
      countryCode,
      phone,
      gateway,
      otp: challenge.code,
      sentAt: new Date(challenge.sentAt).toISOString(),
      expiresAt: new Date(challenge.expiresAt).toISOString(),
    };
    if (!challenge.sendFailed) store.deliver(message);

    return c.json({
      data: {
        client: client.id,
        project,
        projectFlow,
        status: 'sent',
        countryCode,
        phone,
        phoneGateway: gateway,
        otp: await hashCode(challenge.code),
        expiresAt: message.expiresAt,
        phoneData: { title: client.title },
        type: 'login',
        redirectUrl: 'https://verifik.co',
        requires2FA: client.requires2FA,
        language,
        _id: randomObjectId(),
        updatedAt: message.sentAt,
        createdAt: message.sentAt,
        __v: 0,
        new: true,
        providerConfirmation: {},
      },
      signature: signature(challenge.sentAt),
      id: randomResponseId(),
    });
  });

  routes.post('/phone-login/confirm', async (c) => {
    const body = await readJsonObject(c);
    requireFields(body, ['countryCode', 'phone', 'otp']);
    const { countryCode, phone } = parseIdentity(body);
    const client = options.clients.findPhone(countryCode, phone);
    if (!client) throw clientNotFound();

    const identity = `phone:${phoneKey(countryCode, phone)}`;
    switch (store.check(identity, otpString(body.otp))) {
      case 'not_found':
        throw phoneValidationNotFound();
      case 'validated':
        throw phoneAlreadyValidated();
      case 'send_failed':
        throw otpSendFailed();
      case 'expired':
        throw phoneOtpExpired();
      case 'mismatch':
        throw invalidPhoneOtp();
      case 'ok':
        break;
    }
    // Checked after the code, and without using it up, so the user can add the missing factor.
    const askAuthenticator = authenticators.check(client.authenticator, body.authenticatorOTP);
    if (askAuthenticator) return c.json(askAuthenticator);
    store.consume(identity);
    authenticators.confirmed(client.authenticator);
    return c.json({ data: { accessToken: await tokens.issue(client.id), tokenType: 'bearer' } });
  });

  return routes;
}
