import { createMockDevClient, startMockServer } from '@verifik-auth/mock-server';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActor, SimulatedClock, waitFor } from 'xstate';
import { createVerifikClient } from './client.js';
import { createLoginMachine } from './login.machine.js';
import type { LoginEvent } from './login.types.js';
import type { StorageLike } from './storage.js';
import { type FaultSpec, fixedOtp, routes } from './test-utils.js';

const wrongOtp = '000001';
const day = 24 * 60 * 60 * 1000;

type Step =
  | { kind: 'event'; event: LoginEvent }
  | { kind: 'fault'; fault: FaultSpec }
  | { kind: 'advance'; ms: number }
  | { kind: 'settle' };

const routeArb = fc.constantFrom(...Object.values(routes));
const outcomeArb: fc.Arbitrary<Omit<FaultSpec, 'route'>> = fc.oneof(
  fc.constant({ status: 500 }),
  fc.constant({ status: 503 }),
  fc.constant({ status: 429, body: {}, headers: { 'Retry-After': '30' } }),
  fc.constant({ status: 400, body: { code: 'BadRequest', message: 'Invalid OTP code.' } }),
  fc.constant({ status: 400, body: { code: 'BadRequest', message: 'Invalid phone number format.' } }),
  fc.constant({ status: 403, body: { code: 'Forbidden', message: 'otp_does_not_match' } }),
  fc.constant({ status: 403, body: { code: 'Forbidden', message: 'insufficient_credits' } }),
  fc.constant({ status: 404, body: { code: 'NotFound', message: 'invalid_email' } }),
  fc.constant({ status: 409, body: { code: 'Conflict', message: 'otp_recently_sent' } }),
  fc.constant({ status: 409, body: { code: 'MissingParameter', message: 'missing phone\n' } }),
  fc.constant({ status: 412, body: { code: 'PreconditionFailed', message: 'phoneValidation_has_expired' } }),
  fc.constant({ status: 401, body: { code: 'Unauthorized', message: 'Invalid or expired token.' } }),
  fc.constant({ malformed: true }),
  fc.constant({ drop: true }),
  fc.integer({ min: 5, max: 40 }).map((delayMs) => ({ delayMs })),
);

const eventArb: fc.Arbitrary<LoginEvent> = fc.oneof(
  fc.constant({ type: 'login.phone', countryCode: '+1', phone: '1234566663' } as const),
  fc.constant({ type: 'login.phone', countryCode: '+57', phone: '3001234567', gateway: 'sms' } as const),
  fc.constant({ type: 'login.phone', countryCode: '57', phone: '12ab' } as const),
  fc.constant({ type: 'login.email', email: 'user@example.com' } as const),
  fc.constant({ type: 'login.email', email: 'not-an-email' } as const),
  fc.constantFrom(fixedOtp, wrongOtp, '12', '').map((otp) => ({ type: 'otp.submit', otp }) as const),
  fc.constant({ type: 'otp.resend' } as const),
  fc.constant({ type: 'login.cancel' } as const),
  fc.constant({ type: 'session.refresh' } as const),
  fc.constant({ type: 'session.logout' } as const),
);

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: eventArb.map((event) => ({ kind: 'event', event }) as const) },
  {
    weight: 2,
    arbitrary: fc
      .record({ route: routeArb, outcome: outcomeArb })
      .map(({ route, outcome }) => ({ kind: 'fault', fault: { route, ...outcome } }) as const),
  },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom(1_000, 60_000, 130_000, 11 * 60_000, 31 * day)
      .map((ms) => ({ kind: 'advance', ms }) as const),
  },
  { weight: 3, arbitrary: fc.constant({ kind: 'settle' } as const) },
);

describe('the login machine under random events and server outcomes', () => {
  let server: Awaited<ReturnType<typeof startMockServer>>;
  const clock = new SimulatedClock();
  beforeAll(async () => {
    clock.set(Date.now());
    server = await startMockServer({ port: 0, fixedOtp, now: () => clock.now() });
  });
  afterAll(async () => {
    await server.close();
  });

  it('never throws, never has two requests in flight, authenticates only after a 200 confirm, never stores the OTP, and logout empties storage', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(stepArb, { minLength: 1, maxLength: 25 }), async (steps) => {
        const dev = createMockDevClient(server.url);
        await dev.reset();
        let inFlight = 0;
        let maxInFlight = 0;
        let tokensIssued = new Set<string>();
        // A request stops being in flight when it settles or when its signal aborts it.
        const countingFetch: typeof fetch = async (input, init) => {
          const signal = init?.signal ?? (input instanceof Request ? input.signal : undefined);
          if (signal?.aborted) return fetch(input, init);
          let open = true;
          const close = () => {
            if (open) inFlight -= 1;
            open = false;
          };
          inFlight += 1;
          maxInFlight = Math.max(maxInFlight, inFlight);
          signal?.addEventListener('abort', close);
          try {
            const response = await fetch(input, init);
            const url = input instanceof Request ? input.url : String(input);
            if (response.ok && (url.includes('/confirm') || url.includes('/auth/session'))) {
              const text = await response.clone().text();
              const token = /"accessToken":"([^"]+)"/.exec(text)?.[1];
              if (token) tokensIssued.add(token);
            }
            return response;
          } finally {
            close();
          }
        };
        const values = new Map<string, string>();
        const storage: StorageLike = {
          getItem: (key) => values.get(key) ?? null,
          setItem: (key, value) => {
            values.set(key, value);
          },
          removeItem: (key) => {
            values.delete(key);
          },
        };
        const now = () => clock.now();
        const client = createVerifikClient({
          baseUrl: server.url,
          fetch: countingFetch,
          timeout: 2_000,
          now,
        });
        const machine = createLoginMachine({ client, storage, now, resendCooldownMs: 60_000 });
        const actor = createActor(machine, { clock });
        const failures: unknown[] = [];
        actor.subscribe({ error: (error) => failures.push(error) });
        actor.start();
        const settle = () => waitFor(actor, (snapshot) => !snapshot.hasTag('busy'), { timeout: 4_000 });
        await settle();
        tokensIssued = new Set();

        const check = () => {
          const snapshot = actor.getSnapshot();
          expect(snapshot.status).toBe('active');
          expect(maxInFlight).toBeLessThanOrEqual(1);
          if (snapshot.matches('authenticated')) {
            const token = snapshot.context.session?.accessToken ?? '';
            expect(token).not.toBe('');
            expect(tokensIssued.has(token)).toBe(true);
          }
          const persisted = JSON.stringify(actor.getPersistedSnapshot());
          for (const stored of values.values()) expect(stored).not.toContain(wrongOtp);
          expect(persisted).not.toContain(`"${fixedOtp}"`);
          expect(persisted).not.toContain(`"${wrongOtp}"`);
        };

        for (const step of steps) {
          if (step.kind === 'event') {
            const wasAuthenticated = actor.getSnapshot().matches('authenticated');
            actor.send(step.event);
            if (step.event.type === 'session.logout' && wasAuthenticated) {
              await new Promise((resolve) => setTimeout(resolve, 0));
              expect(values.size).toBe(0);
            }
          } else if (step.kind === 'fault') {
            await dev.fault(step.fault);
          } else if (step.kind === 'advance') {
            clock.increment(step.ms);
          } else {
            await settle();
          }
          check();
        }
        await settle();
        check();
        expect(failures).toEqual([]);
        actor.stop();
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 500) },
    );
  }, 120_000);
});
