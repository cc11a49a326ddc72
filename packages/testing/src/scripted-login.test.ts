import { afterEach, describe, expect, it } from 'vitest';
import { pathClockStart, pathSession } from './cases.js';
import { createScriptedLogin, type ScriptedLogin } from './scripted-login.js';

let login: ScriptedLogin;
afterEach(() => login?.stop());

const phone = { type: 'login.phone', countryCode: '+1', phone: '1234566663' } as const;
const challenge = (now: number) => ({
  method: 'phone',
  countryCode: '+1',
  phone: '1234566663',
  gateway: 'whatsapp',
  expiresAt: now + 600_000,
  requires2FA: false,
});

describe('createScriptedLogin', () => {
  it('holds each call until it is settled', async () => {
    login = createScriptedLogin();
    const actor = login.start();
    expect(login.pending()).toEqual(['loadSession']);
    await login.settle('loadSession', { status: 'done', output: null });
    actor.send(phone);
    expect(login.pending()).toEqual(['requestOtp']);
    await login.settle('requestOtp', { status: 'error', error: { code: 'server', retryable: true } });
    expect(actor.getSnapshot().context.error?.code).toBe('server');
    await expect(login.settle('requestOtp', { status: 'done', output: null })).rejects.toThrow(
      'no requestOtp call is pending (pending: nothing)',
    );
  });

  it('forgets a call its state abandons', async () => {
    login = createScriptedLogin();
    const actor = login.start();
    await login.settle('loadSession', { status: 'done', output: null });
    actor.send(phone);
    actor.send({ type: 'login.cancel' });
    expect(login.pending()).toEqual([]);
  });

  it('fires timers on advance and reads the device clock, jumps included', async () => {
    login = createScriptedLogin();
    const actor = login.start();
    await login.settle('loadSession', { status: 'done', output: null });
    actor.send(phone);
    await login.settle('requestOtp', { status: 'done', output: challenge(login.now()) });
    expect(actor.getSnapshot().value).toEqual({ awaitingOtp: 'cooldown' });
    login.adjustClock(-60_000);
    expect(login.now()).toBe(pathClockStart - 60_000);
    login.advance(120_000);
    // The cooldown timer fired, but by the device clock the cooldown is not over: it waits again.
    expect(actor.getSnapshot().value).toEqual({ awaitingOtp: 'cooldown' });
    login.advance(60_000);
    expect(actor.getSnapshot().value).toEqual({ awaitingOtp: 'ready' });
  });

  it('reloads from the persisted snapshot, timers re-armed', async () => {
    login = createScriptedLogin();
    const first = login.start();
    await login.settle('loadSession', { status: 'done', output: null });
    first.send(phone);
    await login.settle('requestOtp', { status: 'done', output: challenge(login.now()) });
    const second = login.reload();
    expect(second).not.toBe(first);
    expect(first.getSnapshot().status).toBe('stopped');
    login.advance(600_000);
    expect(second.getSnapshot().value).toBe('expired');
  });

  it("hears another tab's login and logout through the storage", async () => {
    login = createScriptedLogin();
    const actor = login.start();
    await login.settle('loadSession', { status: 'done', output: null });
    const session = pathSession('other', login.now());
    await login.syncStorage(session);
    expect(actor.getSnapshot().value).toEqual({ authenticated: 'active' });
    expect(actor.getSnapshot().context.session).toEqual(session);
    await login.syncStorage(null);
    expect(actor.getSnapshot().value).toBe('idle');
  });

  it('lists the transitions taken since it was last asked', async () => {
    login = createScriptedLogin();
    const actor = login.start();
    login.takeTransitions();
    await login.settle('loadSession', { status: 'done', output: null });
    actor.send({ type: 'login.email', email: 'nope' });
    expect(login.takeTransitions()).toEqual([
      'restoring: done loadSession [guard 1] → idle',
      'idle: login.email → stays',
    ]);
    expect(login.takeTransitions()).toEqual([]);
  });
});
