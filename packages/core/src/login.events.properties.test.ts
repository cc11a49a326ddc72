// Issue 9, section 5 as a property: whatever payload UI code sends with whatever event, in whatever
// state, the actor stays alive and its snapshot still renders. The client is an in-process stub whose
// calls stay pending until the property answers them, so every state (the busy ones included) can be
// held while junk arrives, and a run costs no I/O.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createActor, SimulatedClock } from 'xstate';
import type { OtpChallenge, Session, VerifikClient } from './client.types.js';
import { connect, type LoginSnapshot } from './connect.js';
import { LoginError, type LoginErrorCode } from './errors.js';
import { createLoginMachine } from './login.machine.js';
import type { LoginEvent } from './login.types.js';
import { payloadKeys } from './login-event.js';
import { locales } from './messages.js';
import { encodeStoredSession } from './session-store.js';
import type { StorageLike } from './storage.js';

const minute = 60_000;
const day = 24 * 60 * minute;
const cooldownMs = minute;
const storageKey = 'verifik-auth.session';

/** A good value per key, so that some junk payloads are partly right and reach deeper checks. */
const goodValue: Record<string, fc.Arbitrary<unknown>> = {
  countryCode: fc.constantFrom('+1', ' +57 '),
  phone: fc.constantFrom('1234566663', '(300) 123-4567', 1234566663, '06 1234 5678'),
  gateway: fc.constantFrom('whatsapp', 'sms', 'none'),
  language: fc.constantFrom('en', 'es', 'pt-BR'),
  email: fc.constantFrom('user@example.com', ' User@Example.com '),
  otp: fc.constantFrom('123456', ' 123456 ', '000000'),
  authenticatorOtp: fc.constantFrom('246810', '12345678'),
  session: fc.constantFrom<unknown>(null, {
    accessToken: 'other.tab.token',
    tokenType: 'bearer',
    issuedAt: 1,
    expiresAt: 8.64e15,
  }),
};

/** Anything JSON can carry, and more than JSON can (what a careless binding might pass). */
const junk: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue(),
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
  fc.constantFrom(undefined, null, Number.NaN, Number.POSITIVE_INFINITY, -0, '', '   ', 2 ** 60),
);

/** One event of `type` with a payload of arbitrary values, known keys or not, good or not. */
const eventOf = (type: LoginEvent['type']): fc.Arbitrary<LoginEvent> => {
  const known = Object.fromEntries(
    payloadKeys[type].map((key) => [key, fc.oneof(goodValue[key] ?? junk, junk)] as const),
  );
  return fc
    .tuple(fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 3 }), fc.record(known, { requiredKeys: [] }))
    .map(([extra, payload]) => ({ ...extra, ...payload, type }) as unknown as LoginEvent);
};

const anyEvent = fc.constantFrom(...(Object.keys(payloadKeys) as Array<LoginEvent['type']>)).chain(eventOf);

/** Where a run starts; each is reached with valid events before the junk arrives. */
const targets = [
  'restoring',
  'idle',
  'sending',
  'awaitingOtp.cooldown',
  'awaitingOtp.ready',
  'confirming',
  'authenticated.active',
  'authenticated.refreshing',
  'expired.otp',
  'expired.session',
] as const;
type Target = (typeof targets)[number];

/** The state value each target stands for. */
const stateOf: Record<Target, Parameters<LoginSnapshot['matches']>[0]> = {
  restoring: 'restoring',
  idle: 'idle',
  sending: 'sending',
  'awaitingOtp.cooldown': { awaitingOtp: 'cooldown' },
  'awaitingOtp.ready': { awaitingOtp: 'ready' },
  confirming: 'confirming',
  'authenticated.active': { authenticated: 'active' },
  'authenticated.refreshing': { authenticated: 'refreshing' },
  'expired.otp': 'expired',
  'expired.session': 'expired',
};

type Step =
  | { kind: 'event'; event: LoginEvent }
  | { kind: 'answer'; ok: boolean; code: LoginErrorCode }
  | { kind: 'advance'; ms: number };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 8, arbitrary: anyEvent.map((event) => ({ kind: 'event', event }) as const) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('answer' as const),
      ok: fc.boolean(),
      code: fc.constantFrom<LoginErrorCode>('invalid_otp', 'otp_expired', 'unauthorized', 'server'),
    }),
  },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom(cooldownMs, 11 * minute, 31 * day)
      .map((ms) => ({ kind: 'advance', ms }) as const),
  },
);

/** Pending calls of the stub client and the storage, answered only when the property says. */
function gate() {
  const pending: Array<(ok: boolean, code: LoginErrorCode) => void> = [];
  const hold = <T>(value: () => T) =>
    new Promise<T>((resolve, reject) => {
      pending.push((ok, code) => (ok ? resolve(value()) : reject(new LoginError({ code }))));
    });
  return {
    hold,
    answer(ok: boolean, code: LoginErrorCode = 'server') {
      for (const settle of pending.splice(0)) settle(ok, code);
    },
  };
}

/** A stub Verifik client over `gate`: challenges and sessions on the simulated clock. */
function stubClient(hold: ReturnType<typeof gate>['hold'], now: () => number): VerifikClient {
  const challenge = (fields: Partial<OtpChallenge>): OtpChallenge => ({
    method: 'phone',
    gateway: 'whatsapp',
    expiresAt: now() + 10 * minute,
    requires2FA: false,
    ...fields,
  });
  const session = (): Session => ({
    accessToken: `stub.token.${now()}`,
    tokenType: 'bearer',
    issuedAt: now(),
    expiresAt: now() + 30 * day,
  });
  return {
    requestPhoneOtp: (request) =>
      hold(() => challenge({ countryCode: request.countryCode, phone: request.phone })),
    requestEmailOtp: (request) =>
      hold(() => challenge({ method: 'email', gateway: 'email', email: request.email })),
    confirmPhoneOtp: () => hold(session),
    confirmEmailOtp: () => hold(session),
    refreshSession: () => hold(session),
    renewAndRevoke: () => hold(session),
  };
}

/** Lets promise callbacks and the machine's reactions to them run. */
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the login machine under arbitrary event payloads', () => {
  it('is never in error status and its snapshot still connects, whatever is sent in whatever state', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...targets),
        fc.array(stepArb, { minLength: 1, maxLength: 20 }),
        async (target: Target, steps) => {
          const clock = new SimulatedClock();
          clock.set(Date.UTC(2025, 0, 1));
          const now = () => clock.now();
          const { hold, answer } = gate();
          const stored =
            target === 'authenticated.active' || target === 'authenticated.refreshing'
              ? now() + 30 * day
              : target === 'expired.session'
                ? now() - 1
                : null;
          const storage: StorageLike = {
            getItem: () =>
              hold(() =>
                stored === null
                  ? null
                  : encodeStoredSession({
                      accessToken: 'stored.token',
                      tokenType: 'bearer',
                      issuedAt: stored - 30 * day,
                      expiresAt: stored,
                    }),
              ),
            setItem: () => undefined,
            removeItem: () => undefined,
          };
          const machine = createLoginMachine({
            client: stubClient(hold, now),
            storage,
            storageKey,
            now,
            resendCooldownMs: cooldownMs,
          });
          const actor = createActor(machine, { clock });
          const failures: unknown[] = [];
          actor.subscribe({ error: (error) => failures.push(error) });
          actor.start();

          const check = () => {
            const snapshot = actor.getSnapshot();
            expect(failures).toEqual([]);
            expect(snapshot.status).toBe('active');
            for (const locale of locales) {
              const view = connect(snapshot, actor.send, { locale });
              for (const error of Object.values(view.fieldErrors)) {
                expect(typeof error?.message).toBe('string');
                expect(error?.message).not.toBe('');
              }
            }
          };
          const settle = async (ok = true, code?: LoginErrorCode) => {
            answer(ok, code);
            await flush();
          };

          // Reach the target with valid events.
          if (target !== 'restoring') await settle();
          const valid = {
            phone: { type: 'login.phone', countryCode: '+1', phone: '1234566663' },
            otp: { type: 'otp.submit', otp: '123456' },
          } as const;
          if (
            ['sending', 'awaitingOtp.cooldown', 'awaitingOtp.ready', 'confirming', 'expired.otp'].includes(
              target,
            )
          ) {
            actor.send(valid.phone);
            if (target !== 'sending') await settle();
          }
          if (target === 'awaitingOtp.ready') clock.increment(cooldownMs);
          if (target === 'expired.otp') clock.increment(11 * minute);
          if (target === 'confirming') actor.send(valid.otp);
          if (target === 'authenticated.refreshing') actor.send({ type: 'session.refresh' });
          const reached = actor.getSnapshot();
          expect(reached.matches(stateOf[target])).toBe(true);
          if (target === 'expired.otp') expect(reached.context.expiredReason).toBe('otp');
          if (target === 'expired.session') expect(reached.context.expiredReason).toBe('session');
          check();

          for (const step of steps) {
            if (step.kind === 'event') actor.send(step.event);
            else if (step.kind === 'answer') await settle(step.ok, step.code);
            else clock.increment(step.ms);
            check();
          }
          await settle();
          check();
          actor.stop();
        },
      ),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 200) },
    );
  }, 60_000);
});
