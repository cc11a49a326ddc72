import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createActor, waitFor } from 'xstate';
import { createVerifikClient } from './client.js';
import type { VerifikClient } from './client.types.js';
import { sendJson, useHostileServer } from './hostile-server.js';
import { createLoginMachine } from './login.machine.js';
import { type FaultSpec, rejection, routes, useClientMockServer } from './test-utils.js';

// Issue 9 §3: no error the client or the machine produces holds the code, the authenticator code or
// the token — not in its message, its `cause` chain, its issue lists, nor any serialization of it.

const OTP = '482913';
const AUTHENTICATOR = '735102';
const TOKEN = 'tok.SECRET-7f3a9c2e.d41d8cd98f';
const secrets = [OTP, AUTHENTICATOR, TOKEN];

const mock = useClientMockServer();
const hostile = useHostileServer();

/** Every way an error can be looked at or carried: inspected in full, JSON, structured-cloned. */
function views(error: unknown): string[] {
  const deep = { depth: Number.POSITIVE_INFINITY, showHidden: true, getters: true } as const;
  const cause = (error as { cause?: unknown }).cause;
  return [
    inspect(error, deep),
    JSON.stringify(error) ?? '',
    JSON.stringify(cause) ?? '',
    inspect(structuredClone(error), deep),
    String(error),
    (error as Error).stack ?? '',
  ];
}

function expectNoSecret(error: unknown, label: string, carried: readonly string[] = secrets) {
  for (const view of views(error)) {
    for (const secret of carried) {
      expect(view.includes(secret), `${label}: ${secret} in ${view.slice(0, 2000)}`).toBe(false);
    }
  }
}

const phone2fa = { countryCode: '+57', phone: '3001234567' } as const;
const confirmPhone = (client: VerifikClient) =>
  client.confirmPhoneOtp({ ...phone2fa, otp: OTP, authenticatorOtp: AUTHENTICATOR });
const confirmEmail = (client: VerifikClient) =>
  client.confirmEmailOtp({ email: 'user@example.com', otp: OTP });
const refresh = (client: VerifikClient) => client.refreshSession(TOKEN);

/** Each call, and the secrets its request carries (a server can only echo what it was sent). */
const calls = [
  { name: 'confirmPhoneOtp', route: routes.phoneConfirm, call: confirmPhone, carried: [OTP, AUTHENTICATOR] },
  { name: 'confirmEmailOtp', route: routes.emailConfirm, call: confirmEmail, carried: [OTP] },
  { name: 'refreshSession', route: routes.session, call: refresh, carried: [TOKEN] },
] as const;

/** Mock faults covering each mapping of `toLoginError`; a hostile body echoes the secrets back. */
const faults: Array<Omit<FaultSpec, 'route'> & { label: string }> = [
  ...[400, 401, 403, 404, 408, 409, 412, 429, 500, 502, 503].map((status) => ({
    label: `HTTP ${status} echoing the secrets`,
    status,
    body: {
      code: `Echo ${OTP} ${AUTHENTICATOR}`,
      message: `bad ${OTP} / ${AUTHENTICATOR} / Bearer ${TOKEN}`,
    },
    times: 3,
  })),
  { label: 'a body that is not JSON', malformed: true, body: `<html>${OTP} ${TOKEN}`, status: 400 },
  { label: 'a 200 that is not JSON', malformed: true, body: `oops ${OTP}` },
  { label: 'a 200 of the wrong shape', status: 200, body: { data: { accessToken: 42, echo: OTP } } },
  { label: 'a dropped connection', drop: true, times: 3 },
];

describe('client errors hold no secret', () => {
  for (const { name, route, call, carried } of calls) {
    for (const { label, ...fault } of faults) {
      it(`${name}: ${label}`, async () => {
        await mock.inject({ route, ...fault });
        const client = createVerifikClient({ baseUrl: mock.url });
        expectNoSecret(await rejection(call(client)), `${name} ${label}`, carried);
      });
    }

    it(`${name}: a timeout`, async () => {
      await mock.inject({ route, delayMs: 1_000, times: 3 });
      const client = createVerifikClient({ baseUrl: mock.url, timeout: 100 });
      const error = await rejection(call(client));
      expect(error).toMatchObject({ code: 'timeout' });
      expectNoSecret(error, `${name} timeout`, carried);
    });

    it(`${name}: a refused redirect and an oversized body`, async () => {
      const client = createVerifikClient({ baseUrl: hostile.url, maxResponseBytes: 1024 });
      hostile.answer((_request, response) => response.writeHead(307, { location: `/x?otp=${OTP}` }).end());
      expectNoSecret(await rejection(call(client)), `${name} redirect`, carried);
      hostile.answer((_request, response) => sendJson(response, 200, { data: { pad: OTP.repeat(500) } }));
      expectNoSecret(await rejection(call(client)), `${name} oversized`, carried);
    });

    it(`${name}: a refused connection`, async () => {
      const client = createVerifikClient({ baseUrl: 'http://127.0.0.1:9' });
      const error = await rejection(call(client));
      expect(error).toMatchObject({ code: 'network' });
      expectNoSecret(error, `${name} network`, carried);
    });
  }

  it('input errors keep no issue input: a bad country code beside a good code, a bad authenticator code', async () => {
    const client = createVerifikClient({ baseUrl: mock.url });
    const cases = [
      client.confirmPhoneOtp({
        countryCode: 'x',
        phone: '3001234567',
        otp: OTP,
        authenticatorOtp: AUTHENTICATOR,
      }),
      client.confirmPhoneOtp({ ...phone2fa, otp: OTP, authenticatorOtp: `${AUTHENTICATOR}x` }),
      client.confirmPhoneOtp({ ...phone2fa, otp: `${OTP}x` }),
      client.confirmEmailOtp({ email: 'not an email', otp: OTP }),
      client.refreshSession(TOKEN, { expiresInMonths: 0 }),
      client.confirmPhoneOtp({ ...phone2fa, otp: OTP, authenticatorOtp: Number(AUTHENTICATOR) } as never),
    ];
    for (const [index, pending] of cases.entries()) {
      const error = await rejection(pending);
      expect(error, `case ${index}`).toBeInstanceOf(Error);
      expectNoSecret(error, `input case ${index}`);
    }
    // Nothing was sent for any of them.
    expect(await mock.requests()).toHaveLength(0);
  });
});

const deep = { depth: Number.POSITIVE_INFINITY, showHidden: true } as const;

/** What a snapshot holds (its machine definition aside): state, context, and each child's own snapshot. */
const snapshotParts = (snapshot: {
  value: unknown;
  context: unknown;
  children: Record<string, unknown>;
}) => ({
  value: snapshot.value,
  context: snapshot.context,
  children: Object.values(snapshot.children).map((child) =>
    (child as { getSnapshot(): unknown }).getSnapshot(),
  ),
});

describe('the machine holds no secret in its errors or snapshots', () => {
  it('a wrong code echoed back and a dropped confirm leave no code in any snapshot or event', async () => {
    const seen: unknown[] = [];
    const machine = createLoginMachine({ baseUrl: mock.url });
    const actor = createActor(machine, {
      inspect: (event) => {
        // Every event the actor system sees, error events of invoked actors included.
        // (The app's own `otp.submit` carries the code it typed: that one is the app's, not ours.)
        if (event.type === '@xstate.event' && event.event.type !== 'otp.submit') seen.push(event.event);
      },
    }).start();
    await waitFor(actor, (s) => s.matches('idle'));
    actor.send({ type: 'login.phone', ...phone2fa });
    await waitFor(actor, (s) => s.matches('awaitingOtp'));
    for (const fault of [
      { status: 403, body: { code: 'Forbidden', message: `otp_does_not_match ${OTP}` } },
      { drop: true },
    ]) {
      await mock.inject({ route: routes.phoneConfirm, ...fault });
      actor.send({ type: 'otp.submit', otp: OTP, authenticatorOtp: AUTHENTICATOR });
      // While confirming, the invoked actor's input holds the code: only inside a Secret.
      const during = actor.getSnapshot();
      expect(during.matches('confirming')).toBe(true);
      for (const view of [
        inspect(snapshotParts(during), deep),
        JSON.stringify(actor.getPersistedSnapshot()),
      ]) {
        for (const secret of [OTP, AUTHENTICATOR]) expect(view.includes(secret)).toBe(false);
      }
      await waitFor(actor, (s) => s.matches('awaitingOtp') && s.context.error !== null);
    }
    const error = actor.getSnapshot().context.error;
    expect(error).toMatchObject({ code: 'network' });
    expect(seen.length).toBeGreaterThan(4);
    for (const item of [...seen, snapshotParts(actor.getSnapshot()), actor.getPersistedSnapshot()]) {
      const view = inspect(item, deep);
      for (const secret of [OTP, AUTHENTICATOR])
        expect(view.includes(secret), view.slice(0, 500)).toBe(false);
    }
    actor.stop();
  });
});
