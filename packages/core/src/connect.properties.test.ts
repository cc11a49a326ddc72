// connect() is called on every render: whatever snapshot reaches it (a forged or corrupted restore, an
// errored actor's bare snapshot), it must return a view, never throw.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { connect, type LoginSnapshot, type LoginStep } from './connect.js';
import { es } from './locales/es.js';
import { createLoginMachine } from './login.machine.js';
import { registerLocale } from './messages.js';

// `es` registered, `xx` unknown: both paths of a locale other than English.
registerLocale(es);

const machine = createLoginMachine({ baseUrl: 'http://127.0.0.1:9' });
const steps: LoginStep[] = [
  'restoring',
  'idle',
  'sending',
  'awaitingOtp',
  'confirming',
  'authenticated',
  'expired',
];
const send = () => undefined;

/** Anything, including what JSON cannot carry. */
const junk = fc.anything({ withBigInt: true, withDate: true, withMap: true, withNullPrototype: true });

/** Field values that are sometimes right, sometimes nearly right, sometimes anything. */
const contextField = {
  identifier: fc.oneof(
    junk,
    fc.constant({ method: 'phone', countryCode: '+1', phone: '1234566663' }),
    fc.constant({ method: 'phone', countryCode: '+1' }),
    fc.constant({ method: 'email', email: 42 }),
  ),
  challenge: fc.oneof(
    junk,
    fc.constant({ method: 'phone', gateway: 'sms', expiresAt: 1e12, requires2FA: false }),
  ),
  resendAvailableAt: fc.oneof(junk, fc.double()),
  attempts: fc.oneof(junk, fc.integer()),
  session: fc.oneof(
    junk,
    fc.record({
      accessToken: fc.oneof(fc.string(), fc.constant('   ')),
      tokenType: fc.string(),
      issuedAt: fc.double(),
      expiresAt: fc.oneof(fc.double(), fc.constant(Number.POSITIVE_INFINITY)),
    }),
  ),
  error: fc.oneof(junk, fc.record({ code: fc.string(), retryable: junk })),
  fieldErrors: fc.oneof(junk, fc.dictionary(fc.string(), fc.string())),
  expiredReason: fc.oneof(junk, fc.constantFrom('otp', 'session')),
  sendOrigin: junk,
};

const contextArb = fc.oneof(junk, fc.record(contextField, { requiredKeys: [] }));
const valueArb = fc.oneof(
  junk,
  fc.constantFrom<unknown>(...steps, { awaitingOtp: 'ready' }, { authenticated: 'refreshing' }, 'nowhere'),
);

describe('connect() under arbitrary snapshots', () => {
  it('never throws, and shows only well-formed values, for a real snapshot with any context', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...steps),
        contextArb,
        fc.constantFrom('en', 'es', 'xx'),
        (step, context, locale) => {
          // A real machine snapshot (matches, hasTag) whose context is forged.
          const snapshot = machine.resolveState({ value: step, context: context as never });
          const view = connect(snapshot, send, { locale });
          expect(view.step).toBe(step);
          expect(typeof view.busy).toBe('boolean');
          expect(view.maskedIdentifier === null || typeof view.maskedIdentifier === 'string').toBe(true);
          expect(view.error === null || typeof view.error.message === 'string').toBe(true);
          for (const fieldError of Object.values(view.fieldErrors))
            expect(typeof fieldError?.message).toBe('string');
          expect(Number.isInteger(view.attempts)).toBe(true);
          if (view.session) {
            // A token that is not blank, or none at all because the server holds it.
            if ('heldBy' in view.session) expect(view.session.accessToken).toBeUndefined();
            else expect(view.session.accessToken.trim()).not.toBe('');
            expect(Number.isFinite(view.session.expiresAt)).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never throws for a bare object of any shape in place of a snapshot', () => {
    fc.assert(
      fc.property(valueArb, contextArb, junk, (value, context, status) => {
        const snapshot = { status, value, context } as unknown as LoginSnapshot;
        const view = connect(snapshot, send);
        expect(steps).toContain(view.step);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws for a snapshot that is not an object at all, or whose getters throw', () => {
    for (const snapshot of [undefined, null, 0, 'idle']) {
      expect(connect(snapshot as unknown as LoginSnapshot, send).step).toBe('idle');
    }
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error('hostile');
        },
      },
    );
    expect(connect(hostile as LoginSnapshot, send).step).toBe('idle');
  });
});
