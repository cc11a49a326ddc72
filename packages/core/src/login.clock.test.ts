import { afterEach, describe, expect, it } from 'vitest';
import { fixedOtp, type Harness, phone, startHarness } from './test-utils.js';

// Issue 9 §2 through the machine and the real mock server: the device's clock is not the server's.

const MINUTE = 60_000;
let harness: Harness;
afterEach(async () => {
  await harness?.close();
});

describe('a device clock 11 minutes ahead of the server', () => {
  it('keeps the code step open for its 10 minutes and logs in with the code', async () => {
    // The machine's clock runs 11 minutes ahead; the mock keeps real time.
    harness = await startHarness({ mock: { now: () => Date.now() } });
    harness.clock.set(Date.now() + 11 * MINUTE);
    const { actor, clock } = harness;
    actor.send({ type: 'login.phone', ...phone });
    await harness.until('awaitingOtp');
    const left = (actor.getSnapshot().context.challenge?.expiresAt ?? 0) - clock.now();
    expect(left).toBeGreaterThan(9.9 * MINUTE);
    expect(left).toBeLessThanOrEqual(10 * MINUTE);
    // Still open after 9 of its 10 minutes on the device's clock.
    harness.advance(9 * MINUTE);
    expect(actor.getSnapshot().value).toMatchObject({ awaitingOtp: expect.anything() });
    actor.send({ type: 'otp.submit', otp: fixedOtp });
    await harness.until('authenticated');
  });

  it('still expires the code when its 10 minutes have passed on the device', async () => {
    harness = await startHarness({ mock: { now: () => Date.now() } });
    harness.clock.set(Date.now() + 11 * MINUTE);
    harness.actor.send({ type: 'login.phone', ...phone });
    await harness.until('awaitingOtp');
    harness.advance(10 * MINUTE + 1000);
    await harness.until('expired', (context) => context.expiredReason === 'otp');
  });
});
