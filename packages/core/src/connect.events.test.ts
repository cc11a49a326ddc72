// connect()'s commands are what UI code calls with whatever a form or a careless caller hands over: none
// of it may throw at the caller or put the actor in status `error` (issue 17, item 8).
import { afterEach, describe, expect, it } from 'vitest';
import { connect, type LoginView } from './connect.js';
import { throwingAt, trap } from './hostile-inputs.js';
import type { FieldErrors } from './login.types.js';
import { type Harness, phone, startHarness } from './test-utils.js';

let harness: Harness;
afterEach(async () => {
  await harness?.close();
});

/** Calls `command` on the harness's view and returns what it threw, if anything. */
function call(command: (view: LoginView) => void): unknown {
  try {
    command(connect(harness.actor.getSnapshot(), harness.actor.send));
    return undefined;
  } catch (error) {
    return error;
  }
}

/** The harness's actor, watched for errors from now on. */
function watchErrors(): unknown[] {
  const errors: unknown[] = [];
  harness.actor.subscribe({ error: (error) => errors.push(error) });
  return errors;
}

describe('connect › commands given malformed input', () => {
  it.each<[string, (view: LoginView) => void, FieldErrors]>([
    [
      'sendPhone(null)',
      (view) => view.sendPhone(null as never),
      { countryCode: 'required', phone: 'required' },
    ],
    ['sendPhone({})', (view) => view.sendPhone({} as never), { countryCode: 'required', phone: 'required' }],
    ['sendEmail({ type: 5 })', (view) => view.sendEmail({ type: 5 } as never), { email: 'required' }],
    [
      'sendPhone with a getter that throws',
      (view) => view.sendPhone(throwingAt('phone', { countryCode: '+1' }) as never),
      { phone: 'phone_format' },
    ],
    [
      'sendPhone whose phone is a proxy that throws',
      (view) => view.sendPhone({ countryCode: '+1', phone: trap() } as never),
      { phone: 'phone_format' },
    ],
    [
      'sendEmail whose language is a proxy that throws',
      (view) => view.sendEmail({ email: 'user@example.com', language: trap() } as never),
      { language: 'language_format' },
    ],
    [
      'sendEmail({ type: "session.sync", session: <proxy> })',
      (view) => view.sendEmail({ type: 'session.sync', session: trap() } as never),
      { email: 'required' },
    ],
    [
      'sendPhone(<proxy>)',
      (view) => view.sendPhone(trap() as never),
      {
        countryCode: 'country_code_format',
        phone: 'phone_format',
        gateway: 'gateway_unsupported',
        language: 'language_format',
      },
    ],
  ])('%s: nothing thrown, the actor stays active and shows field errors', async (_, command, fieldErrors) => {
    harness = await startHarness();
    const errors = watchErrors();
    expect(call(command)).toBeUndefined();
    const snapshot = harness.actor.getSnapshot();
    expect(snapshot.status).toBe('active');
    expect(errors).toEqual([]);
    expect(snapshot.value).toBe('idle');
    expect(snapshot.context.fieldErrors).toEqual(fieldErrors);
  });

  it('sends the event of the command called: a `type` in its input does not change it', async () => {
    harness = await startHarness();
    expect(call((view) => view.sendPhone({ ...phone, type: 'session.logout' } as never))).toBeUndefined();
    expect(harness.actor.getSnapshot().value).toBe('sending');
    await harness.until('awaitingOtp');
  });

  it('ignores a resend through a gateway that is a proxy that throws; the next resend works', async () => {
    harness = await startHarness({ machine: { resendCooldownMs: 0 } });
    harness.actor.send({ type: 'login.phone', ...phone });
    await harness.until('awaitingOtp');
    const errors = watchErrors();
    expect(call((view) => view.resend(trap() as never))).toBeUndefined();
    expect(harness.actor.getSnapshot().status).toBe('active');
    expect(errors).toEqual([]);
    expect(harness.actor.getSnapshot().value).toEqual({ awaitingOtp: 'ready' });
    call((view) => view.resend());
    expect(harness.actor.getSnapshot().value).toBe('sending');
    await harness.until('awaitingOtp');
  });

  it('refuses an authenticator code that is a getter that throws as a field error', async () => {
    harness = await startHarness();
    harness.actor.send({ type: 'login.phone', ...phone });
    await harness.until('awaitingOtp');
    const errors = watchErrors();
    const hostile = throwingAt('value');
    expect(call((view) => view.submitOtp('123456', hostile as never))).toBeUndefined();
    expect(harness.actor.getSnapshot().status).toBe('active');
    expect(errors).toEqual([]);
    expect(harness.actor.getSnapshot().context.fieldErrors).toEqual({ authenticatorOtp: 'otp_format' });
  });
});
