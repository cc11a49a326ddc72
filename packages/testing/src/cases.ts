import {
  isRetryableCode,
  type LoginContext,
  type LoginErrorCode,
  type LoginErrorData,
  type LoginEvent,
  type LoginMachineOptions,
  maskEmail,
  type OtpChallenge,
  Secret,
  type Session,
} from '@verifik-auth/core';

const second = 1000;
const minute = 60 * second;
const day = 24 * 60 * minute;

/** Where every path's clock starts (epoch ms): fixed, so the catalogue is the same on every run. */
export const pathClockStart = Date.UTC(2030, 0, 1);

/**
 * The machine options every path assumes; a driver builds its machine with them (plus its own
 * client, storage and clock). Auto refresh is on, so the catalogue reaches the auto-refresh timer.
 */
export const pathMachineOptions = {
  otpLength: 6,
  resendCooldownMs: 2 * minute,
  autoRefresh: { beforeExpiryMs: day },
} as const satisfies LoginMachineOptions;

/** How long a sent code lives in the paths: Verifik's (and the mock server's) 10 minutes. */
export const pathOtpTtlMs = 10 * minute;

/** How long a token lives in the paths: Verifik's (and the mock server's) 30 days. */
export const pathSessionTtlMs = 30 * day;

/** What the user types in the paths. */
export const pathInputs = {
  phone: { countryCode: '+1', phone: '1234566663' },
  invalidPhone: { countryCode: '57', phone: '12ab' },
  email: 'user@example.com',
  invalidEmail: 'not-an-email',
  /** The code the paths treat as right (the mock server's `fixedOtp`). */
  rightOtp: '123456',
  wrongOtp: '654321',
  malformedOtp: '12',
  /** The authenticator app's code the paths treat as right (the mock server's `authenticatorOtp`). */
  rightAuthenticatorOtp: '000000',
  wrongAuthenticatorOtp: '999999',
  malformedAuthenticatorOtp: '12a',
} as const;

/**
 * What Verifik answers a right code of an account that must set up its authenticator: the QR code and
 * the key. Made up, and recognizable, so a check can tell that neither ever reaches the context, the
 * storage or a persisted snapshot (the key is RFC 4648's example, not anyone's).
 */
export const pathAuthenticatorSetup = {
  qrCode:
    'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  secretKey: 'JBSWY3DPEHPK3PXPJBSWY3DP',
} as const;

/** The invoked actors whose outcome a path decides. */
export type PathActorName =
  | 'loadSession'
  | 'requestOtp'
  | 'confirmOtp'
  | 'refreshSession'
  | 'revokeOtherSessions';

/** Every invoked actor a path settles. */
export const pathActorNames: readonly PathActorName[] = [
  'loadSession',
  'requestOtp',
  'confirmOtp',
  'refreshSession',
  'revokeOtherSessions',
];

/** How an invoked actor ends: with an output (`done`) or a failure (`error`). */
export type ActorOutcome = { status: 'done'; output: unknown } | { status: 'error'; error: LoginErrorData };

/** Something the user does, as a machine event. */
export interface InputCase {
  /** `input.<case>`, e.g. `input.phone`: how steps and reports name it. */
  id: string;
  /** Reads after "the user", e.g. "enters a valid phone number". */
  label: string;
  /** The event a driver sends, or acts out on a page. */
  event: LoginEvent;
}

/** What the model knows when it picks an outcome. */
export interface OutcomeContext {
  /** The machine's context when the actor was invoked. */
  context: LoginContext;
  /** The device clock, epoch ms: what the client stamps (`issuedAt`, `retryAt`). */
  now: number;
  /** The true time, epoch ms: what the server stamps (code expiry, token `exp`). */
  serverNow: number;
  /** Which code the user submitted, while confirming. */
  submitted: SubmittedCode | null;
}

/** Whether a path submits the code the server sent or another well-formed one. */
export type SubmittedCode = 'right' | 'wrong';

/** One way an invoked actor can end. */
export interface OutcomeCase {
  /** `<actor>.<case>`, e.g. `requestOtp.rate_limited`. */
  id: string;
  /** The invoked actor whose call ends this way. */
  actor: PathActorName;
  /** Reads as a sentence, e.g. "sending the code fails with rate_limited". */
  label: string;
  /** The error code, for error outcomes. */
  code?: LoginErrorCode;
  /** Whether the case can happen here (e.g. `invalid_email` only for an email login). */
  applies(at: OutcomeContext): boolean;
  /** The output or error the call ends with, built from the moment (e.g. token times from `serverNow`). */
  outcome(at: OutcomeContext): ActorOutcome;
}

/** What the user can do in the paths; the model offers each one wherever it takes a transition. */
export const inputCases: readonly InputCase[] = [
  { id: 'phone', label: 'enters a valid phone number', event: { type: 'login.phone', ...pathInputs.phone } },
  {
    id: 'phone.invalid',
    label: 'enters an invalid phone number',
    event: { type: 'login.phone', ...pathInputs.invalidPhone },
  },
  { id: 'email', label: 'enters a valid email', event: { type: 'login.email', email: pathInputs.email } },
  {
    id: 'email.invalid',
    label: 'enters an invalid email',
    event: { type: 'login.email', email: pathInputs.invalidEmail },
  },
  {
    id: 'otp.right',
    label: 'submits the right code',
    event: { type: 'otp.submit', otp: pathInputs.rightOtp },
  },
  { id: 'otp.wrong', label: 'submits a wrong code', event: { type: 'otp.submit', otp: pathInputs.wrongOtp } },
  {
    id: 'otp.malformed',
    label: 'submits a malformed code',
    event: { type: 'otp.submit', otp: pathInputs.malformedOtp },
  },
  { id: 'resend', label: 'asks for a new code', event: { type: 'otp.resend' } },
  { id: 'cancel', label: 'cancels', event: { type: 'login.cancel' } },
  { id: 'refresh', label: 'refreshes the session', event: { type: 'session.refresh' } },
  { id: 'logout', label: 'logs out', event: { type: 'session.logout' } },
  { id: 'revoke', label: 'signs out everywhere else', event: { type: 'session.revokeOthers' } },
  ...authenticatorInputCases(),
];

/** On the authenticator step: the app's code, right, wrong, left empty or malformed. */
function authenticatorInputCases(): InputCase[] {
  const submit = (authenticatorOtp: string) => ({ type: 'authenticator.submit', authenticatorOtp }) as const;
  return [
    {
      id: 'authenticator.right',
      label: "submits the authenticator app's right code",
      event: submit(pathInputs.rightAuthenticatorOtp),
    },
    {
      id: 'authenticator.wrong',
      label: "submits a wrong authenticator app's code",
      event: submit(pathInputs.wrongAuthenticatorOtp),
    },
    { id: 'authenticator.empty', label: "submits no authenticator app's code", event: submit('') },
    {
      id: 'authenticator.malformed',
      label: "submits a malformed authenticator app's code",
      event: submit(pathInputs.malformedAuthenticatorOtp),
    },
  ];
}

/**
 * Inputs only the journeys use: the traversal does not offer them everywhere (a phone typed with
 * separators behaves like any valid phone; what differs is the request, which the journey checks).
 */
export const journeyInputCases: readonly InputCase[] = [
  {
    id: 'phone.spaced',
    label: 'enters a valid phone number with spaces and dashes',
    event: { type: 'login.phone', countryCode: '+1', phone: '123 456-6663' },
  },
];

/** A token the paths hand out: unique per moment, recognizable in failures. */
const tokenAt = (kind: string, now: number) => `path-${kind}-${now.toString(36)}`;

/**
 * A session issued by the server at `serverNow` and received at `now` (device clock); its expiry
 * is whole seconds, like a JWT `exp`.
 */
export function pathSession(kind: string, now: number, serverNow = now, ttlMs = pathSessionTtlMs): Session {
  return {
    accessToken: tokenAt(kind, serverNow),
    tokenType: 'bearer',
    issuedAt: now,
    expiresAt: Math.floor((serverNow + ttlMs) / second) * second,
  };
}

/** The challenge the client returns for the identifier in context, sent at `serverNow`. */
function challengeFor(context: LoginContext, serverNow: number): OtpChallenge {
  const { identifier } = context;
  const expiresAt = serverNow + pathOtpTtlMs;
  if (identifier?.method === 'email') {
    return { method: 'email', email: identifier.email, gateway: 'email', expiresAt, requires2FA: false };
  }
  return {
    method: 'phone',
    countryCode: identifier?.countryCode ?? '',
    phone: identifier?.phone ?? '',
    gateway: identifier?.gateway ?? 'whatsapp',
    expiresAt,
    requires2FA: false,
  };
}

/** How long a throttled answer asks to wait, as its `Retry-After` would say. */
export const retryAfterMs: Partial<Record<LoginErrorCode, number>> = {
  resend_too_soon: 2 * minute,
  rate_limited: minute,
};

/** The HTTP status each code comes with in the paths (none for network failures and timeouts). */
export const errorStatus: Partial<Record<LoginErrorCode, number>> = {
  invalid_phone: 400,
  invalid_email: 404,
  invalid_otp: 403,
  otp_expired: 412,
  resend_too_soon: 409,
  rate_limited: 429,
  insufficient_credits: 403,
  identifier_not_validated: 412,
  account_not_found: 404,
  send_refused: 403,
  otp_send_failed: 409,
  invalid_authenticator_otp: 403,
  project_flow_not_found: 404,
  endpoint_not_found: 404,
  unauthorized: 401,
  missing_parameter: 409,
  server: 500,
  invalid_response: 200,
  unknown: 418,
};

/** The error data an API failure with `code` turns into at `now`. */
export function pathError(code: LoginErrorCode, now: number): LoginErrorData {
  const status = errorStatus[code];
  const wait = retryAfterMs[code];
  return {
    code,
    retryable: isRetryableCode(code),
    ...(status === undefined ? {} : { status }),
    ...(wait === undefined ? {} : { retryAt: now + wait }),
  };
}

/** The failures each call can meet, beyond the ones every call can meet. */
const sendCodes: readonly LoginErrorCode[] = [
  'invalid_phone',
  'invalid_email',
  'resend_too_soon',
  'rate_limited',
  'insufficient_credits',
  'identifier_not_validated',
  'account_not_found',
  'send_refused',
  'project_flow_not_found',
  'missing_parameter',
];
// invalid_authenticator_otp is the authenticator step's own (see authenticatorOutcomeCases).
const confirmCodes: readonly LoginErrorCode[] = [
  'invalid_otp',
  'otp_expired',
  'otp_send_failed',
  'rate_limited',
  'missing_parameter',
];
const refreshCodes: readonly LoginErrorCode[] = ['unauthorized', 'rate_limited'];
/** Sign out everywhere: refused (401), or any other failure, which the machine treats alike. */
const revokeCodes: readonly LoginErrorCode[] = ['unauthorized', 'server', 'network'];
/** What any HTTP call can meet: the server failing, the network, a timeout, an unreadable or odd answer. */
const anyCallCodes: readonly LoginErrorCode[] = [
  'endpoint_not_found',
  'server',
  'network',
  'timeout',
  'invalid_response',
  'unknown',
];

/** What each call does, in the words of its failures. */
const actorDoing: Record<PathActorName, string> = {
  loadSession: 'reading the storage',
  requestOtp: 'sending the code',
  confirmOtp: 'checking the code',
  refreshSession: 'refreshing the session',
  revokeOtherSessions: 'signing out everywhere else',
};

function errorCase(actor: PathActorName, code: LoginErrorCode, applies: OutcomeCase['applies']): OutcomeCase {
  return {
    id: `${actor}.${code}`,
    actor,
    code,
    label: `${actorDoing[actor]} fails with ${code}`,
    applies,
    outcome: ({ now }) => ({ status: 'error', error: pathError(code, now) }),
  };
}

const always = () => true;
const methodIs = (method: 'phone' | 'email') => (at: OutcomeContext) =>
  at.context.identifier?.method === method;
/**
 * A wrong code gets `invalid_otp` and nothing else in the paths; the right one gets anything but. On the
 * authenticator step, what was submitted is the app's code: a wrong one gets `invalid_authenticator_otp`
 * (or the step's answer again), the right one anything else, `invalid_otp` included (the code refused
 * after all).
 */
const submittedRight = (at: OutcomeContext) => at.submitted !== 'wrong';
/** The confirm is the authenticator step's: the step holds the code. */
const onAuthenticatorStep = (at: OutcomeContext) => at.context.authenticator !== null;
const refusedCode = (at: OutcomeContext) =>
  onAuthenticatorStep(at) ? at.submitted === 'right' : at.submitted === 'wrong';

/**
 * Who signed in in the sessions a path finds stored, and in the other tab's: addresses this tab never
 * types, so what the view shows of such a session comes from the session (its `maskedIdentifier`, as
 * the login machine stores it). A server-mode driver logs in with them for real.
 */
export const pathSignedInElsewhere = {
  stored: 'stored-session@example.com',
  otherTab: 'other-tab@example.com',
} as const;

/** `session`, signed in as `email`. */
const signedInAs = (session: Session, email: string): Session => ({
  ...session,
  maskedIdentifier: maskEmail(email),
});

/** The other tab's session in `session.sync` paths, issued at `serverNow`. */
export const otherTabSession = (serverNow: number) =>
  signedInAs(pathSession('other-tab', serverNow), pathSignedInElsewhere.otherTab);

/** A session another tab stores that expired a day ago: no tab may take it as a login. */
export const staleOtherTabSession = (serverNow: number) =>
  signedInAs(pathSession('other-tab-stale', serverNow - 31 * day), pathSignedInElsewhere.otherTab);

/** The session a path finds stored, issued at `issuedAt` for `ttlMs`. */
const storedSession = (issuedAt: number, ttlMs?: number) =>
  signedInAs(pathSession('stored', issuedAt, issuedAt, ttlMs), pathSignedInElsewhere.stored);

/**
 * How each call can end in the paths: success, and every failure it can meet. Add a case here when the
 * machine learns to treat an outcome differently.
 */
export const outcomeCases: readonly OutcomeCase[] = [
  {
    id: 'loadSession.empty',
    actor: 'loadSession',
    label: 'the storage holds no session',
    applies: always,
    outcome: () => ({ status: 'done', output: null }),
  },
  {
    id: 'loadSession.live',
    actor: 'loadSession',
    label: 'the storage holds a live session',
    applies: always,
    outcome: ({ now }) => ({ status: 'done', output: storedSession(now - day, 10 * day) }),
  },
  {
    id: 'loadSession.stale',
    actor: 'loadSession',
    label: 'the storage holds an expired session',
    applies: always,
    outcome: ({ now }) => ({ status: 'done', output: storedSession(now - 31 * day) }),
  },
  {
    id: 'loadSession.failed',
    actor: 'loadSession',
    label: 'reading the storage fails',
    applies: always,
    outcome: ({ now }) => ({ status: 'error', error: pathError('unknown', now) }),
  },
  {
    id: 'requestOtp.sent',
    actor: 'requestOtp',
    label: 'the code is sent',
    applies: always,
    outcome: ({ context, serverNow }) => ({ status: 'done', output: challengeFor(context, serverNow) }),
  },
  ...sendCodes.map((code) =>
    errorCase(
      'requestOtp',
      code,
      code === 'invalid_phone' ? methodIs('phone') : code === 'invalid_email' ? methodIs('email') : always,
    ),
  ),
  ...anyCallCodes.map((code) => errorCase('requestOtp', code, always)),
  {
    id: 'confirmOtp.accepted',
    actor: 'confirmOtp',
    label: 'the code is accepted',
    applies: submittedRight,
    outcome: ({ now, serverNow }) => ({ status: 'done', output: pathSession('confirmed', now, serverNow) }),
  },
  ...confirmCodes.map((code) =>
    errorCase('confirmOtp', code, code === 'invalid_otp' ? refusedCode : submittedRight),
  ),
  ...authenticatorOutcomeCases(),
  ...anyCallCodes.map((code) => errorCase('confirmOtp', code, submittedRight)),
  {
    id: 'refreshSession.refreshed',
    actor: 'refreshSession',
    label: 'the session is refreshed',
    applies: always,
    outcome: ({ now, serverNow }) => ({ status: 'done', output: pathSession('refreshed', now, serverNow) }),
  },
  ...refreshCodes.map((code) => errorCase('refreshSession', code, always)),
  ...anyCallCodes.map((code) => errorCase('refreshSession', code, always)),
  {
    id: 'revokeOtherSessions.revoked',
    actor: 'revokeOtherSessions',
    label: 'the other sessions are signed out and this one renewed',
    applies: always,
    outcome: ({ now, serverNow }) => ({ status: 'done', output: pathSession('renewed', now, serverNow) }),
  },
  // Never retried by the client: a 401 ends the session (revoked), anything else leaves it signed in.
  ...revokeCodes.map((code) => errorCase('revokeOtherSessions', code, always)),
];

/**
 * The answers of the authenticator step (issue 18): a right code of an account that must use an
 * authenticator asks for it, with the QR code and key the first time; on the step, a wrong app code is
 * refused. The output is the client's answer; a driver hands the machine what the real `confirmOtp`
 * actor makes of it (see `confirmOutput`).
 */
function authenticatorOutcomeCases(): OutcomeCase[] {
  const asked = (setup: boolean): ActorOutcome => ({
    status: 'done',
    output: { authenticatorRequired: true, ...(setup ? pathAuthenticatorSetup : {}) },
  });
  return [
    {
      id: 'confirmOtp.authenticator-setup',
      actor: 'confirmOtp',
      label: 'the code is right and the authenticator must be set up (QR code and key)',
      applies: (at) => !onAuthenticatorStep(at) && submittedRight(at),
      outcome: () => asked(true),
    },
    {
      id: 'confirmOtp.authenticator',
      actor: 'confirmOtp',
      label: "the code is right and the authenticator app's code is needed",
      // On the step, the same answer again means the app's code was not taken.
      applies: (at) => (onAuthenticatorStep(at) ? at.submitted === 'wrong' : submittedRight(at)),
      outcome: () => asked(false),
    },
    errorCase(
      'confirmOtp',
      'invalid_authenticator_otp',
      (at) => onAuthenticatorStep(at) && at.submitted === 'wrong',
    ),
  ];
}

/** The client's answer to a right code when the authenticator is needed (core's `AuthenticatorRequired`). */
export interface PathAuthenticatorAnswer {
  /** Marks the answer apart from a session, as the client's `AuthenticatorRequired` does. */
  authenticatorRequired: true;
  /** The setup's QR code (a made-up data URL), when the answer is a first setup. */
  qrCode?: string;
  /** The setup's key (made up, base32), when the answer is a first setup. */
  secretKey?: string;
}

/** Whether a `confirmOtp` output is the client's "the authenticator is needed" answer. */
export const isAuthenticatorAnswer = (output: unknown): output is PathAuthenticatorAnswer =>
  typeof output === 'object' && output !== null && 'authenticatorRequired' in output;

/**
 * What the real `confirmOtp` actor resolves with for the client's `output`: the authenticator answer,
 * sealed with the code it was invoked with (so the step can send it again); anything else as it is.
 */
export function confirmOutput(output: unknown, input: unknown): unknown {
  if (!isAuthenticatorAnswer(output)) return output;
  const otp = (input as { otp?: { reveal(): string } } | undefined)?.otp?.reveal() ?? '';
  return new Secret({ ...output, otp });
}

/** How far the device clock jumps back in the clock paths. */
export const clockJumpMs = -minute;
