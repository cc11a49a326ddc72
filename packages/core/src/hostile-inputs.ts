// Test helper (not published): values built to break whoever reads them, for the tests of what the
// entry points and the machine's guards do with malformed events (issue 17, item 8), and the property
// arbitraries shared by the core's and the bindings' tests.
import fc from 'fast-check';
import type { OtpChallenge, Session, VerifikClient } from './client.types.js';
import type { LoginCommands } from './connect.js';
import type { LoginEvent } from './login.types.js';
import { payloadKeys } from './login-event.js';

/** A proxy every trap of which throws: reading it in any way fails. */
export function trap(): object {
  const fail = (what: string) => () => {
    throw new Error(`hostile ${what}`);
  };
  return new Proxy(
    {},
    {
      get: fail('get'),
      getPrototypeOf: fail('getPrototypeOf'),
      ownKeys: fail('ownKeys'),
      has: fail('has'),
      getOwnPropertyDescriptor: fail('getOwnPropertyDescriptor'),
    },
  );
}

/** `fields` with an enumerable getter at `key` that throws. */
export function throwingAt(key: string, fields: Record<string, unknown> = {}): Record<string, unknown> {
  return Object.defineProperty({ ...fields }, key, {
    enumerable: true,
    get: () => {
      throw new Error(`hostile ${key}`);
    },
  });
}

/**
 * How to build a value. fast-check holds recipes rather than the values themselves: it reads what it
 * generates (to clone or print it), and a hostile value would throw at fast-check instead of at the code
 * under test.
 */
export type Recipe =
  | { kind: 'value'; value: unknown }
  | { kind: 'symbol' }
  | { kind: 'trap' }
  | {
      kind: 'event';
      type: LoginEvent['type'];
      fields: Partial<Record<string, Recipe>>;
      /**
       * A plain object; one whose getter at `key` throws; one whose getter at `key` answers once, then
       * throws; a proxy that answers only `type`.
       */
      shape: 'plain' | 'throwing' | 'once' | 'typeOnly';
      key: string;
    };

const eventTypes = Object.keys(payloadKeys) as Array<LoginEvent['type']>;

/** A good value per field, so that some payloads are right and move the login on. */
const goodValues: Record<string, fc.Arbitrary<unknown>> = {
  countryCode: fc.constantFrom('+1', ' +57 '),
  phone: fc.constantFrom('1234566663', 1234566663, '06 1234 5678'),
  gateway: fc.constantFrom('whatsapp', 'sms', 'none'),
  language: fc.constantFrom('en', 'pt-BR'),
  email: fc.constantFrom('user@example.com', ' User@Example.com '),
  otp: fc.constantFrom('123456', ' 123456 '),
  authenticatorOtp: fc.constantFrom('246810'),
  session: fc.constantFrom<unknown>(null, {
    accessToken: 'other.tab.token',
    tokenType: 'bearer',
    issuedAt: 1,
    expiresAt: 8.64e15,
  }),
};

/** Anything fast-check makes, and what careless callers hand over: null, {}, { type: 5 }, strings. */
const plainValue: fc.Arbitrary<Recipe> = fc
  .oneof(
    fc.anything({
      withBigInt: true,
      withBoxedValues: true,
      withDate: true,
      withMap: true,
      withNullPrototype: true,
      withSet: true,
      withSparseArray: true,
      withTypedArray: true,
    }),
    fc.constantFrom<unknown>(null, undefined, {}, [], { type: 5 }, 'login.cancel', Number.NaN, ''),
  )
  .map((value) => ({ kind: 'value', value }) as const);

/** One value of any kind: plain, a symbol, or a proxy that throws. */
const leaf: fc.Arbitrary<Recipe> = fc.oneof(
  { weight: 4, arbitrary: plainValue },
  { weight: 1, arbitrary: fc.constantFrom<Recipe>({ kind: 'symbol' }, { kind: 'trap' }) },
);

/** An object whose `type` is a real event type, with a payload of good, wrong and hostile values. */
const eventLike: fc.Arbitrary<Recipe> = fc.constantFrom(...eventTypes).chain((type) => {
  const keys = payloadKeys[type];
  const field = (key: string) =>
    fc.oneof(goodValues[key]?.map((value): Recipe => ({ kind: 'value', value })) ?? leaf, leaf);
  return fc.record({
    kind: fc.constant('event' as const),
    type: fc.constant(type),
    fields: fc.record(Object.fromEntries(keys.map((key) => [key, field(key)])), { requiredKeys: [] }),
    shape: fc.constantFrom('plain' as const, 'throwing' as const, 'once' as const, 'typeOnly' as const),
    key: fc.constantFrom('type', ...keys),
  });
});

/** Any value a caller might hand over, hostile ones included. */
export const hostileRecipe: fc.Arbitrary<Recipe> = fc.oneof(leaf, eventLike);

/** Builds the value a recipe describes; a fresh one each time. */
export function build(recipe: Recipe): unknown {
  switch (recipe.kind) {
    case 'value':
      return recipe.value;
    case 'symbol':
      return Symbol('hostile');
    case 'trap':
      return trap();
    case 'event': {
      const fields: Record<string, unknown> = { type: recipe.type };
      for (const [key, value] of Object.entries(recipe.fields)) if (value) fields[key] = build(value);
      if (recipe.shape === 'throwing') return throwingAt(recipe.key, fields);
      if (recipe.shape === 'once') return answeringOnceAt(recipe.key, fields);
      if (recipe.shape === 'typeOnly') return answeringOnly('type', recipe.type);
      return fields;
    }
  }
}

/** `fields` with a getter at `key` that answers its value once, then throws. */
function answeringOnceAt(key: string, fields: Record<string, unknown>): Record<string, unknown> {
  let reads = 0;
  const value = fields[key];
  return Object.defineProperty({ ...fields }, key, {
    enumerable: true,
    get: () => {
      reads += 1;
      if (reads > 1) throw new Error(`hostile ${key}, read again`);
      return value;
    },
  });
}

/** A proxy that answers `key` and throws at any other read. */
function answeringOnly(key: string, value: unknown): object {
  return new Proxy(trap(), {
    get: (_, property) => {
      if (property === key) return value;
      throw new Error(`hostile get ${String(property)}`);
    },
  });
}

/** A call of one of `connect()`'s commands, with its arguments as recipes. */
export interface CommandCall {
  command: keyof LoginCommands;
  args: Recipe[];
}

const commandNames: Array<keyof LoginCommands> = [
  'sendPhone',
  'sendEmail',
  'submitOtp',
  'resend',
  'cancel',
  'refresh',
  'logout',
];

const good = (command: keyof LoginCommands, ...args: unknown[]): CommandCall => ({
  command,
  args: args.map((value) => ({ kind: 'value', value })),
});

/**
 * A call of a command: most with hostile arguments, some right (a code sent, confirmed, refreshed), so
 * that in a sequence of calls the hostile ones land in every step of the login.
 */
export const commandCall: fc.Arbitrary<CommandCall> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      command: fc.constantFrom(...commandNames),
      args: fc.array(hostileRecipe, { maxLength: 2 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      good('sendPhone', { countryCode: '+1', phone: '1234566663' }),
      good('sendEmail', { email: 'user@example.com' }),
      good('submitOtp', '123456'),
      good('resend'),
      good('refresh'),
      good('logout'),
      good('cancel'),
    ),
  },
);

/** Where a run of a property starts; each is reached with right calls before the arbitrary ones. */
export const startSteps = [
  'idle',
  'sending',
  'awaitingOtp',
  'confirming',
  'authenticated',
  'refreshing',
  'expired.otp',
  'expired.session',
] as const;

/** One of {@link startSteps}. */
export type StartStep = (typeof startSteps)[number];

/**
 * Takes a login from `idle` to `start` with right calls of `commands` (stable per actor), against a
 * {@link heldClient} on a clock that `advance` moves; `settle` lets the client's answers land.
 */
export async function reach(
  commands: LoginCommands,
  start: StartStep,
  { settle, advance }: { settle: () => Promise<unknown>; advance: (ms: number) => void },
): Promise<void> {
  if (start === 'idle') return;
  commands.sendPhone({ countryCode: '+1', phone: '1234566663' });
  if (start === 'sending') return;
  await settle();
  if (start === 'expired.otp') {
    advance(11 * 60_000);
    await settle();
    return;
  }
  if (start === 'awaitingOtp') return;
  commands.submitOtp('123456');
  if (start === 'confirming') return;
  await settle();
  if (start === 'refreshing') commands.refresh();
  if (start === 'expired.session') {
    advance(31 * 86_400_000);
    await settle();
  }
}

/** Makes the call on `commands`. */
export function callCommand(commands: LoginCommands, call: CommandCall): void {
  (commands[call.command] as (...args: unknown[]) => void)(...call.args.map(build));
}

/**
 * A Verifik client whose answers wait for `settle()`: codes that last 10 minutes (no 2FA), sessions of
 * 30 days. A run of a property costs no I/O, and a busy step (sending, confirming, refreshing) lasts
 * until the run says.
 */
export function heldClient(now: () => number): { client: VerifikClient; settle: () => Promise<void> } {
  const pending: Array<() => void> = [];
  const held = <T>(answer: () => T) => new Promise<T>((resolve) => pending.push(() => resolve(answer())));
  const challenge = (fields: Partial<OtpChallenge>) =>
    held<OtpChallenge>(() => ({
      method: 'phone',
      gateway: 'whatsapp',
      expiresAt: now() + 600_000,
      requires2FA: false,
      ...fields,
    }));
  const session = () =>
    held<Session>(() => ({
      accessToken: `held.token.${now()}`,
      tokenType: 'bearer',
      issuedAt: now(),
      expiresAt: now() + 30 * 86_400_000,
    }));
  return {
    client: {
      requestPhoneOtp: (request) => challenge({ countryCode: request.countryCode, phone: request.phone }),
      requestEmailOtp: (request) => challenge({ method: 'email', gateway: 'email', email: request.email }),
      confirmPhoneOtp: session,
      confirmEmailOtp: session,
      refreshSession: session,
      renewAndRevoke: session,
    },
    /** Answers every call made so far, then lets the machine react. */
    settle: async () => {
      for (const answer of pending.splice(0)) answer();
      await new Promise((resolve) => setTimeout(resolve, 0));
    },
  };
}

/** Commands handed malformed input, each a binding's test case: the login shows field errors, nothing throws. */
export const malformedCommands: ReadonlyArray<[string, (commands: LoginCommands) => void]> = [
  ['sendPhone(null)', (view) => view.sendPhone(null as never)],
  ['sendPhone({})', (view) => view.sendPhone({} as never)],
  ['sendPhone({ type: 5 })', (view) => view.sendPhone({ type: 5 } as never)],
  ['sendPhone with a getter that throws', (view) => view.sendPhone(throwingAt('phone') as never)],
  ['sendPhone whose phone is a proxy that throws', (view) => view.sendPhone({ phone: trap() } as never)],
  [
    'sendEmail({ type: "session.sync", session: <proxy> })',
    (view) => view.sendEmail({ type: 'session.sync', session: trap() } as never),
  ],
];

/** The errors `actor` reports from now on (an actor in status `error` reported one). */
export function errorsOf(actor: {
  subscribe(observer: { error: (error: unknown) => void }): unknown;
}): unknown[] {
  const errors: unknown[] = [];
  actor.subscribe({ error: (error) => errors.push(error) });
  return errors;
}
