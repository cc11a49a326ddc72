// Server mode carries the authenticator step (issue 18): Verifik's 200 asking for the app's code goes to
// the page (QR code and key included, never kept by the server), the code is not used up by it, and the
// same code with the app's code signs in. Against the mock Verifik, which answers as Verifik's own code shows.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect, createLoginMachine, serverMode } from '@verifik-auth/core';
import { createMockDevClient, type MockServer, startMockServer } from '@verifik-auth/mock-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createActor, waitFor } from 'xstate';
import { createVerifikAuth, type VerifikAuth } from './index.js';
import { toNodeHandler } from './node.js';
import { browserFetch } from './test-helpers/browser-fetch.js';
import {
  challengeCookieOf,
  cookieOf,
  fixedOtp,
  post,
  secret,
  testAddress,
  wrongOtp,
} from './test-helpers/index.js';

const authenticatorOtp = '000000';
const phone = { countryCode: '+57', phone: '3001234567' };
const email = 'ana@example.com';

let mock: MockServer;
let auth: VerifikAuth;
beforeAll(async () => {
  mock = await startMockServer({
    port: 0,
    fixedOtp,
    resendCooldownMs: 0,
    clients: {
      phones: [{ ...phone, authenticator: 'needs-setup' }],
      emails: [{ email, authenticator: 'set-up' }],
    },
  });
  auth = createVerifikAuth({
    secret,
    verifikBaseUrl: mock.url,
    allowedHosts: ['app.example'],
    getClientAddress: () => testAddress,
  });
});
beforeEach(() => createMockDevClient(mock.url).reset());
afterAll(() => mock?.close());

async function sendPhoneCode() {
  const sent = await auth.handler(post('/phone-login', phone));
  expect(sent.status).toBe(200);
  return challengeCookieOf(sent);
}

const confirm = (cookie: string, body: Record<string, unknown>, path = '/phone-login/confirm') =>
  auth.handler(post(path, body, { cookie }));

describe('the confirm routes', () => {
  it('pass the setup answer on without keeping it, and sign in with the same code and the app’s code', async () => {
    const challenge = await sendPhoneCode();
    const setup = await confirm(challenge, { ...phone, otp: fixedOtp });
    expect(setup.status).toBe(200);
    expect(setup.headers.get('cache-control')).toBe('no-store');
    const body = await setup.json();
    const [account] = await createMockDevClient(mock.url).authenticators();
    expect(body).toEqual({
      authenticator: {
        qrCode: expect.stringMatching(/^data:image\/png;base64,/),
        secretKey: account?.secretKey,
      },
    });
    // No session yet; the key is in no cookie.
    const cookies = setup.headers.getSetCookie();
    expect(cookies.every((line) => line.split('=')[0]?.endsWith('-challenge'))).toBe(true);
    expect(cookies.join('\n')).not.toContain(account?.secretKey);

    const signedIn = await confirm(challengeCookieOf(setup), {
      ...phone,
      otp: fixedOtp,
      authenticatorOTP: authenticatorOtp,
    });
    expect(signedIn.status).toBe(200);
    expect((await signedIn.json()).session).toMatchObject({ tokenType: 'bearer' });
    expect(cookieOf(signedIn)).toMatch(/=/);
  });

  it('do not spend one of the code’s attempts on the setup answer: 4 wrong codes, then the right one, then a wrong app code, then the right one', async () => {
    const challenge = await sendPhoneCode();
    for (let attempt = 1; attempt <= 4; attempt++) {
      const wrong = await confirm(challenge, { ...phone, otp: wrongOtp });
      expect(await wrong.json()).toMatchObject({ code: 'invalid_otp' });
    }
    const setup = await confirm(challenge, { ...phone, otp: fixedOtp });
    expect(setup.status).toBe(200);
    const next = challengeCookieOf(setup);
    const wrongApp = await confirm(next, { ...phone, otp: fixedOtp, authenticatorOTP: '111111' });
    expect(wrongApp.status).toBe(403);
    expect(await wrongApp.json()).toMatchObject({ code: 'invalid_authenticator_otp' });
    const signedIn = await confirm(next, { ...phone, otp: fixedOtp, authenticatorOTP: authenticatorOtp });
    expect(signedIn.status).toBe(200);
  });

  it('take the app’s code with an email code too', async () => {
    const sent = await auth.handler(post('/email-login', { email }));
    const challenge = challengeCookieOf(sent);
    const asked = await confirm(challenge, { email, otp: fixedOtp }, '/email-login/confirm');
    expect(await asked.json()).toEqual({ authenticator: {} });
    const signedIn = await confirm(
      challengeCookieOf(asked),
      { email, otp: fixedOtp, authenticatorOTP: authenticatorOtp },
      '/email-login/confirm',
    );
    expect(signedIn.status).toBe(200);
  });
});

describe('the core machine in server mode', () => {
  let server: Server;
  let origin: string;
  beforeAll(async () => {
    server = createServer(toNodeHandler(auth.handler));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server?.close(resolve)));

  it('shows the step with the QR code and key, and signs in with the app’s code', async () => {
    const browser = browserFetch(origin);
    const tab = createActor(
      createLoginMachine(serverMode({ baseUrl: `${origin}/auth/verifik`, fetch: browser.fetch })),
    ).start();
    await waitFor(tab, (snapshot) => snapshot.matches('idle'));
    tab.send({ type: 'login.phone', ...phone });
    await waitFor(tab, (snapshot) => snapshot.matches('awaitingOtp'));
    tab.send({ type: 'otp.submit', otp: fixedOtp });
    const step = await waitFor(tab, (snapshot) => snapshot.matches('awaitingAuthenticator'));
    const view = connect(step, tab.send);
    expect(view.authenticator?.qrCode).toMatch(/^data:image\/png;base64,/);
    expect(view.authenticator?.secretKey).toMatch(/^[A-Z2-7]{4} /);
    view.submitAuthenticator(authenticatorOtp);
    const signedIn = await waitFor(tab, (snapshot) => snapshot.matches('authenticated'));
    expect(signedIn.context.session).toMatchObject({ heldBy: 'server' });
    tab.stop();
  });
});
