// What a persisted login snapshot must look like before an actor may start from it. A snapshot comes
// back from sessionStorage, a URL or a server, so it is as untrusted as any stored session (see
// THREAT-MODEL.md: "every restored value validated").
import * as v from 'valibot';
import { loginErrorCodes } from './errors.js';
import type { FieldErrorCode, LoginContext, LoginField } from './login.types.js';
import { fieldErrorMessages } from './messages.js';
import { EpochMsSchema, LoginSessionSchema } from './session-store.js';

const NonBlankSchema = v.pipe(
  v.string(),
  v.check((text) => text.trim() !== ''),
);

// `v.picklist([x])` where `v.literal(x)` would do: the same check, and one valibot function fewer in app
// bundles (these schemas ship with every `createLoginMachine`).
const PhoneIdentifierSchema = v.object({
  method: v.picklist(['phone']),
  countryCode: NonBlankSchema,
  phone: NonBlankSchema,
  gateway: v.optional(v.picklist(['whatsapp', 'sms', 'none'])),
  language: v.optional(v.string()),
});

const EmailIdentifierSchema = v.object({
  method: v.picklist(['email']),
  email: NonBlankSchema,
  language: v.optional(v.string()),
});

/**
 * A {@link LoginIdentifier} as the machine builds it. `union`, not `variant('method', …)`: the same
 * check (the two shapes differ in `method`), and `variant` would add ~0.3 KB gz to app bundles.
 */
export const IdentifierSchema = v.union([PhoneIdentifierSchema, EmailIdentifierSchema]);

/** An {@link OtpChallenge} as the client returns it. */
export const ChallengeSchema = v.object({
  method: v.picklist(['phone', 'email']),
  countryCode: v.optional(v.string()),
  phone: v.optional(v.string()),
  email: v.optional(v.string()),
  gateway: v.picklist(['whatsapp', 'sms', 'none', 'email']),
  expiresAt: EpochMsSchema,
  requires2FA: v.boolean(),
  language: v.optional(v.string()),
});

/** A {@link LoginErrorData}: a known code, and numbers that are numbers. */
export const ErrorDataSchema = v.object({
  code: v.picklist(loginErrorCodes),
  retryable: v.boolean(),
  status: v.optional(v.pipe(v.number(), v.integer(), v.minValue(100), v.maxValue(599))),
  serverCode: v.optional(v.string()),
  serverMessage: v.optional(v.string()),
  retryAt: v.optional(EpochMsSchema),
});

const loginFields = [
  'countryCode',
  'phone',
  'email',
  'otp',
  'authenticatorOtp',
  'gateway',
  'language',
] as const satisfies readonly LoginField[];

const FieldErrorCodeSchema = v.optional(v.picklist(Object.keys(fieldErrorMessages.en) as FieldErrorCode[]));

/**
 * Field errors: known fields, each with a code that has a message. A strict object of optional codes
 * plus a check that none is `undefined` is the check `v.record(v.picklist(fields), codes)` makes,
 * without the ~0.2 KB gz `record` would add to app bundles.
 */
export const FieldErrorsSchema = v.pipe(
  v.strictObject(
    Object.fromEntries(loginFields.map((field) => [field, FieldErrorCodeSchema])) as Record<
      LoginField,
      typeof FieldErrorCodeSchema
    >,
  ),
  v.check((errors) => Object.values(errors).every((code) => code !== undefined)),
);

const RefreshRetrySchema = v.object({
  failures: v.pipe(v.number(), v.integer(), v.minValue(1)),
  at: EpochMsSchema,
});

/** A {@link LoginContext} with every field present and well formed. */
export const LoginContextSchema = v.object({
  identifier: v.nullable(IdentifierSchema),
  challenge: v.nullable(ChallengeSchema),
  resendAvailableAt: v.nullable(EpochMsSchema),
  attempts: v.pipe(v.number(), v.integer(), v.minValue(0)),
  session: v.nullable(LoginSessionSchema),
  error: v.nullable(ErrorDataSchema),
  fieldErrors: FieldErrorsSchema,
  expiredReason: v.nullable(v.picklist(['otp', 'session', 'revoked'])),
  sendOrigin: v.picklist(['idle', 'awaitingOtp', 'expired']),
  // Added after the first release: older snapshots lack it.
  refreshRetry: v.optional(v.nullable(RefreshRetrySchema), null),
});

const StateValueSchema = v.union([
  v.picklist(['restoring', 'idle', 'sending', 'confirming', 'expired', 'awaitingOtp', 'authenticated']),
  v.strictObject({ awaitingOtp: v.picklist(['cooldown', 'ready']) }),
  v.strictObject({ awaitingAuthenticator: v.picklist(['typing', 'confirming']) }),
  v.strictObject({ authenticated: v.picklist(['active', 'refreshing', 'revoking']) }),
]);

const PersistedSchema = v.object({
  status: v.picklist(['active']),
  value: StateValueSchema,
  context: LoginContextSchema,
});

/** The one child a resting login machine has: the watcher that re-arms timers and relays other tabs. */
const restingChildren = {
  '0.login': { snapshot: { status: 'active' }, src: 'watchSession', syncSnapshot: false },
} as const;

/** A persisted snapshot of the login machine, as `createActor(machine, { snapshot })` takes it. */
export interface RestoredLoginSnapshot {
  /** A restored actor is always running. */
  status: 'active';
  /** A resting state: the one a request in flight started from, never the request itself. */
  value: 'idle' | 'expired' | { awaitingOtp: 'cooldown' } | { authenticated: 'active' };
  /** The saved context, checked field by field. */
  context: LoginContext;
  /** Empty: the machine has no history states. */
  historyValue: Record<string, never>;
  /** The session watcher every resting state runs, so restored timers and tabs work at once. */
  children: typeof restingChildren;
}

type Step = 'idle' | 'expired' | 'awaitingOtp' | 'authenticated';

/** Where a snapshot taken mid-request resumes: requests are never replayed on restore. */
function restingStep(value: v.InferOutput<typeof StateValueSchema>, context: LoginContext): Step | undefined {
  const step = typeof value === 'string' ? value : Object.keys(value)[0];
  switch (step) {
    case 'restoring':
      return undefined;
    case 'sending':
      // The code may or may not have gone out: back to where the send started.
      return context.challenge ? 'awaitingOtp' : 'idle';
    case 'confirming':
    // What the authenticator step held (the code) is never persisted: the code is typed again.
    case 'awaitingAuthenticator':
      return 'awaitingOtp';
    default:
      return step as Step;
  }
}

/** What each resting state needs of its context for the machine and `connect()` to make sense. */
function fits(step: Step, context: LoginContext): boolean {
  switch (step) {
    case 'idle':
      return context.session === null;
    case 'awaitingOtp':
      return context.session === null && context.identifier !== null && context.challenge !== null;
    case 'authenticated':
      return context.session !== null;
    case 'expired':
      return context.session === null && context.expiredReason !== null;
  }
}

/**
 * Checks a persisted login snapshot (from `actor.getPersistedSnapshot()`, usually after a round trip
 * through JSON and some storage) and returns one that is safe to start an actor from, or `undefined`
 * when it is not a snapshot this machine can be in; then start fresh. An unknown state, a missing or
 * malformed context field, a session with a blank token or an impossible expiry, or a state whose
 * context contradicts it (`authenticated` without a session) are all refused.
 *
 * A snapshot taken while a request was in flight resumes in the state the request started from
 * (`confirming` → `awaitingOtp`, `refreshing` or `revoking` → `authenticated`): a request is never replayed on
 * restore, as TanStack Query persists only settled queries. `restoring` gives `undefined`, since a
 * fresh actor reads the storage anyway. The machine applies this check itself to every snapshot it is
 * given; call it to know in advance, or to drop a bad snapshot from storage.
 * @example
 * const saved = JSON.parse(sessionStorage.getItem('login-snapshot') ?? 'null');
 * const actor = createActor(machine, { snapshot: restoreLoginSnapshot(saved) }).start();
 */
export function restoreLoginSnapshot(value: unknown): RestoredLoginSnapshot | undefined {
  let parsed: v.SafeParseResult<typeof PersistedSchema>;
  try {
    parsed = v.safeParse(PersistedSchema, value);
  } catch {
    // A getter or a proxy that throws: not a snapshot.
    return undefined;
  }
  if (!parsed.success) return undefined;
  const context = parsed.output.context as LoginContext;
  const step = restingStep(parsed.output.value, context);
  if (step === undefined || !fits(step, context)) return undefined;
  const resting: RestoredLoginSnapshot['value'] =
    step === 'awaitingOtp'
      ? { awaitingOtp: 'cooldown' }
      : step === 'authenticated'
        ? { authenticated: 'active' }
        : step;
  return {
    status: 'active',
    value: resting,
    // A send that was cut short drops the challenge it would have replaced; the authenticator step's
    // secrets are never restored (the schema drops whatever stood for them).
    context: { ...context, ...(step === 'idle' ? { challenge: null } : {}), authenticator: null },
    historyValue: {},
    children: restingChildren,
  };
}

/** The two methods of an XState machine that {@link refuseUnsafeSnapshots} wraps. */
interface RestorableMachine {
  restoreSnapshot(snapshot: never, scope: never): unknown;
  getInitialSnapshot(scope: never, input?: never): unknown;
  provide(implementations: never): unknown;
}

/**
 * Makes `createActor(machine, { snapshot })` run every snapshot through {@link restoreLoginSnapshot},
 * starting fresh when it is refused, so adapters that pass an app's saved snapshot straight on are
 * safe too. XState restores whatever it is given and throws (or starts a dead actor) on a bad one.
 * `provide()` returns a new machine, so it is wrapped as well.
 */
export function refuseUnsafeSnapshots<M extends RestorableMachine>(machine: M): M {
  const restore = machine.restoreSnapshot.bind(machine) as (snapshot: unknown, scope: unknown) => unknown;
  const initial = machine.getInitialSnapshot.bind(machine) as (scope: unknown) => unknown;
  const provide = machine.provide.bind(machine) as (implementations: unknown) => M;
  Object.assign(machine, {
    restoreSnapshot: (snapshot: unknown, scope: unknown) => {
      const safe = restoreLoginSnapshot(snapshot);
      return safe ? restore(safe, scope) : initial(scope);
    },
    provide: (implementations: unknown) => refuseUnsafeSnapshots(provide(implementations)),
  });
  return machine;
}
