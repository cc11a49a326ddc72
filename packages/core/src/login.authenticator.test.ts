// The authenticator step (issue 18): Verifik answers a right code of an account that must use an
// authenticator with a 200 that asks for it (with a QR code and key the first time), and takes the same
// code again with the app's code. Against the mock, which answers as Verifik's own code shows.
import type { MockClients } from '@verifik-auth/mock-server';
import { createMockDevClient } from '@verifik-auth/mock-server';
import { afterEach, describe, expect, it } from 'vitest';
import { createVerifikClient } from './client.js';
import { connect } from './connect.js';
import { restoreLoginSnapshot } from './restore-snapshot.js';
import { fixedOtp, type Harness, routes, startHarness } from './test-utils.js';

const authenticatorOtp = '000000';
const phone = { countryCode: '+57', phone: '3001234567' } as const;
const email = 'ana@example.com';

const clients = (state: 'needs-setup' | 'set-up'): MockClients => ({
  phones: [{ ...phone, authenticator: state }],
  emails: [{ email, authenticator: state }],
});

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const view = () => {
  if (!h) throw new Error('no harness');
  return connect(h.actor.getSnapshot(), h.actor.send);
};

async function toAuthenticatorStep(state: 'needs-setup' | 'set-up', method: 'phone' | 'email' = 'phone') {
  h = await startHarness({ mock: { clients: clients(state) } });
  if (method === 'phone') view().sendPhone(phone);
  else view().sendEmail({ email });
  await h.until('awaitingOtp');
  view().submitOtp(fixedOtp);
  await h.until('awaitingAuthenticator');
  return h;
}

describe('the client', () => {
  it('answers the setup 200 with the QR code and the key, not an invalid answer', async () => {
    const harness = await startHarness({ mock: { clients: clients('needs-setup') } });
    h = harness;
    const client = createVerifikClient({ baseUrl: harness.url });
    await client.requestPhoneOtp(phone);
    const answer = await client.confirmPhoneOtp({ ...phone, otp: fixedOtp });
    expect(answer).toMatchObject({ authenticatorRequired: true });
    if (!('authenticatorRequired' in answer)) throw new Error('expected the authenticator step');
    expect(answer.qrCode).toMatch(/^data:image\/png;base64,[A-Za-z0-9+/]+=*$/);
    expect(answer.secretKey).toMatch(/^[A-Z2-7]{16,}$/);
    // The code was not used up: sent again with the app's code, it signs in.
    const session = await client.confirmPhoneOtp({ ...phone, otp: fixedOtp, authenticatorOtp });
    expect(session).toMatchObject({ accessToken: expect.any(String) });
  });

  it('sends the authenticator code with an email code too', async () => {
    const harness = await startHarness({ mock: { clients: clients('set-up') } });
    h = harness;
    const client = createVerifikClient({ baseUrl: harness.url });
    await client.requestEmailOtp({ email });
    expect(await client.confirmEmailOtp({ email, otp: fixedOtp })).toEqual({ authenticatorRequired: true });
    const session = await client.confirmEmailOtp({ email, otp: fixedOtp, authenticatorOtp });
    expect(session).toMatchObject({ accessToken: expect.any(String) });
  });
});

describe('the machine', () => {
  it('asks for the authenticator after a right code, shows the QR code and key, and confirms both', async () => {
    const harness = await toAuthenticatorStep('needs-setup');
    const step = view();
    expect(step.step).toBe('awaitingAuthenticator');
    expect(step.busy).toBe(false);
    expect(step.authenticator?.qrCode).toMatch(/^data:image\/png;base64,/);
    // Grouped by four for reading and typing.
    expect(step.authenticator?.secretKey).toMatch(/^[A-Z2-7]{4}( [A-Z2-7]{1,4})+$/);
    expect(step.otpExpiresAt).toBeGreaterThan(harness.clock.now());
    step.submitAuthenticator(authenticatorOtp);
    await harness.until('authenticated');
    expect(view().authenticator).toBeNull();
    // Two confirms, both taken: the mock signs in only the same code sent again with the app's code.
    const confirms = await harness.requests(routes.phoneConfirm);
    expect(confirms.map((request) => request.status)).toEqual([200, 200]);
  });

  it('asks for the code alone on later logins, and keeps the step after a wrong authenticator code', async () => {
    const harness = await toAuthenticatorStep('set-up', 'email');
    expect(view().authenticator).toEqual({ qrCode: null, secretKey: null });
    view().submitAuthenticator('111111');
    await harness.until('awaitingAuthenticator', (context) => context.error !== null);
    expect(view()).toMatchObject({ error: { code: 'invalid_authenticator_otp' }, attempts: 1 });
    view().submitAuthenticator(authenticatorOtp);
    await harness.until('authenticated');
  });

  it('refuses an empty or malformed authenticator code before any request', async () => {
    const harness = await toAuthenticatorStep('set-up');
    view().submitAuthenticator('');
    expect(view().fieldErrors.authenticatorOtp?.code).toBe('authenticator_otp_required');
    view().submitAuthenticator('12ab');
    expect(view().fieldErrors.authenticatorOtp?.code).toBe('otp_format');
    expect(await harness.requests(routes.phoneConfirm)).toHaveLength(1);
  });

  it('goes on to the step when requires2FA is only a hint and no authenticator code was typed', async () => {
    h = await startHarness({ mock: { clients: clients('needs-setup') } });
    view().sendPhone(phone);
    await h.until('awaitingOtp');
    expect(view().requires2FA).toBe(true);
    view().submitOtp(fixedOtp);
    await h.until('awaitingAuthenticator');
    expect(view().fieldErrors).toEqual({});
  });

  it('never keeps the code, QR code or key in a persisted snapshot, and resumes at the code step', async () => {
    const harness = await toAuthenticatorStep('needs-setup');
    const { secretKey, qrCode } = view().authenticator ?? {};
    // The phone number holds the mock's code's digits: take it out before looking for the code.
    const persisted = JSON.stringify(harness.actor.getPersistedSnapshot());
    const withoutPhone = persisted.replaceAll(phone.phone, '');
    expect(persisted).toContain('"authenticator":"[redacted]"');
    for (const secret of [fixedOtp, secretKey?.replaceAll(' ', ''), qrCode?.slice(30, 60)]) {
      expect(secret).toBeTruthy();
      expect(withoutPhone).not.toContain(secret);
    }
    const restored = restoreLoginSnapshot(JSON.parse(persisted));
    expect(restored?.value).toEqual({ awaitingOtp: 'cooldown' });
    expect(restored?.context.authenticator).toBeNull();
  });

  it('drops the held code when the code expires during the step', async () => {
    const harness = await toAuthenticatorStep('set-up');
    harness.advance(10 * 60_000 + 1);
    await harness.until('expired');
    expect(view()).toMatchObject({ expiredReason: 'otp', authenticator: null });
    expect(harness.actor.getSnapshot().context.authenticator).toBeNull();
  });

  it('cancels from the step back to the form, dropping what it held', async () => {
    const harness = await toAuthenticatorStep('needs-setup');
    view().cancel();
    await harness.until('idle');
    expect(harness.actor.getSnapshot().context.authenticator).toBeNull();
    expect(view().identifier).toMatchObject(phone);
  });

  it('the mock agrees on the key shown', async () => {
    const harness = await toAuthenticatorStep('needs-setup');
    const [account] = await createMockDevClient(harness.url).authenticators();
    expect(view().authenticator?.secretKey?.replaceAll(' ', '')).toBe(account?.secretKey);
  });
});
