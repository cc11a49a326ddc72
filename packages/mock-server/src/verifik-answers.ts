/**
 * Verifik's answers as its own code shows them (`shared/verifik-api.md` §7), recorded once so that
 * the mock and the client are tested against the same shapes. The mock's contract test checks every
 * answer here against the mock; a client's tests can import the same records to stub Verifik.
 */

/** One answer of Verifik's, as recorded. */
export interface RecordedAnswer {
  /** The HTTP status. */
  status: number;
  /** The media type of the body (without parameters). */
  contentType: 'application/json' | 'text/plain';
  /** The body exactly as recorded: JSON text, or the plain text. */
  text: string;
  /**
   * The fields whose recorded value is an example or elided (`…`, `<new token>`): their dotted path
   * and the pattern a real value matches. Every other value must match the record exactly.
   */
  examples?: Readonly<Record<string, RegExp>>;
  /** Where the record comes from, and what in it is inferred rather than seen. */
  source: string;
}

const setupMessage = 'You are required to setup the Google Authenticator first.';
const pngDataUrl = /^data:image\/png;base64,[A-Za-z0-9+/]+={0,2}$/;
const base32Key = /^[A-Z2-7]{16,}$/;
const jwt = /^[\w-]+\.[\w-]+\.[\w-]+$/;

/** The recorded answers, by what they answer. */
export const verifikAnswers = {
  /** Confirming the right code, without `authenticatorOTP`, for an account whose authenticator is not set up yet. */
  authenticatorSetup: {
    status: 200,
    contentType: 'application/json',
    text: `{"data":{"message":"${setupMessage}","QRCode":"data:image/png;base64,…","secretKey":"CUIVI2R7LUYT4TZM"}}`,
    examples: { 'data.QRCode': pngDataUrl, 'data.secretKey': base32Key },
    source: 'web-sdk passwordless-login.component.ts (commit 23e3983), mock-api/dataMock.ts (commit 910b0d7)',
  },
  /**
   * The same for an account whose authenticator is set up (later logins): `data.message` without
   * `QRCode`. §7 records no text for it, nor whether `secretKey` comes along: the mock sends the
   * setup message alone, the least a client must cope with.
   */
  authenticatorRequired: {
    status: 200,
    contentType: 'application/json',
    text: `{"data":{"message":"${setupMessage}"}}`,
    source: 'web-sdk passwordless-login.component.ts (commit 23e3983): any data.message asks for the code',
  },
  /** A wrong `authenticatorOTP`. */
  authenticatorOtpDoesNotMatch: {
    status: 403,
    contentType: 'application/json',
    text: '{"code":"Forbidden","message":"authenticator_otp_does_not_match"}',
    source: 'web-sdk passwordless-login.component.ts (commit 23e3983)',
  },
  /** Confirming a code whose sending failed: the user must ask for a new one. */
  otpSendFailed: {
    status: 409,
    contentType: 'application/json',
    text: '{"code":"Conflict","message":"otp_send_failed"}',
    source: 'verifik-api.md §7 (409; `Conflict` is restify’s code for a 409)',
  },
  /** Confirming an email code past its 10 minutes. */
  emailValidationHasExpired: {
    status: 412,
    contentType: 'application/json',
    text: '{"code":"PreconditionFailed","message":"emailValidation_has_expired"}',
    source: 'verifik-api.md §7 (412; `PreconditionFailed` as for phone codes)',
  },
  /** A country code that is not `+` and 1 to 3 digits, on send or confirm. */
  invalidCountryCode: {
    status: 409,
    contentType: 'application/json',
    text: '{"code":"MissingParameter","message":"Invalid countryCode format. CountryCode should be in the format + followed by 1 to 3 digits."}',
    source: 'verifik-api.md §7 (no status recorded: 409 is restify’s MissingParameter status)',
  },
  /** `POST /v2/auth/renew-and-revoke`: a new token; every earlier one of the account stops working. */
  renewAndRevoke: {
    status: 200,
    contentType: 'application/json',
    text: '{"token":"<new token>"}',
    examples: { token: jwt },
    source: 'docs page "Create new token and revoke previous tokens" (verifik-api.md §7)',
  },
  /** Any path Verifik does not serve. */
  unknownRoute: {
    status: 404,
    contentType: 'text/plain',
    text: 'Not Found',
    source: 'verifik-api.md §7',
  },
} as const satisfies Record<string, RecordedAnswer>;

/** An answer to compare with a record. */
export interface ObservedAnswer {
  /** The HTTP status. */
  status: number;
  /** The `Content-Type` header, parameters allowed. */
  contentType: string | null;
  /** The body as text. */
  text: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function compareValue(
  recorded: unknown,
  observed: unknown,
  path: string,
  examples: Readonly<Record<string, RegExp>>,
  differences: string[],
): void {
  const pattern = examples[path];
  if (pattern) {
    if (typeof observed !== 'string' || !pattern.test(observed)) differences.push(`${path}: not ${pattern}`);
    return;
  }
  if (isRecord(recorded)) {
    if (!isRecord(observed)) {
      differences.push(`${path || 'body'}: expected an object`);
      return;
    }
    const want = Object.keys(recorded).join(',');
    const got = Object.keys(observed).join(',');
    if (want !== got) differences.push(`${path || 'body'}: keys ${got}, recorded ${want}`);
    for (const key of Object.keys(recorded)) {
      compareValue(recorded[key], observed[key], path ? `${path}.${key}` : key, examples, differences);
    }
    return;
  }
  if (recorded !== observed) {
    differences.push(`${path}: ${JSON.stringify(observed)}, recorded ${JSON.stringify(recorded)}`);
  }
}

/**
 * How an answer differs from a record, one line per difference (empty when it matches): the status,
 * the media type, and the body: the same keys in the same order and the same values, except the
 * record's examples, which must only match their pattern.
 * @example
 * expect(answerDifferences(verifikAnswers.otpSendFailed, observed)).toEqual([]);
 */
export function answerDifferences(recorded: RecordedAnswer, observed: ObservedAnswer): string[] {
  const differences: string[] = [];
  if (observed.status !== recorded.status) {
    differences.push(`status: ${observed.status}, recorded ${recorded.status}`);
  }
  const type = observed.contentType?.split(';')[0]?.trim().toLowerCase();
  if (type !== recorded.contentType)
    differences.push(`content-type: ${type}, recorded ${recorded.contentType}`);
  if (recorded.contentType === 'text/plain') {
    if (observed.text !== recorded.text) differences.push(`text: ${JSON.stringify(observed.text)}`);
    return differences;
  }
  let body: unknown;
  try {
    body = JSON.parse(observed.text);
  } catch {
    differences.push('body: not JSON');
    return differences;
  }
  compareValue(JSON.parse(recorded.text), body, '', recorded.examples ?? {}, differences);
  return differences;
}
