import { type MockServer, startMockServer } from '@verifik-auth/mock-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pathAuthenticatorSetup, pathInputs } from './cases.js';
import { getLoginPaths } from './catalogue.js';
import { runPath } from './run-path.js';
import {
  createPathClock,
  createServerDriver,
  faultFor,
  mockRoutes,
  pathMockOptions,
} from './server-driver.js';

const clock = createPathClock();
let server: MockServer;
beforeAll(async () => {
  server = await startMockServer({ port: 0, ...pathMockOptions, now: clock.serverNow });
});
afterAll(async () => {
  await server?.close();
});

describe.each(['shortest', 'simple'] as const)(
  'every %s path over HTTP against the mock server',
  (strategy) => {
    it.each(getLoginPaths({ strategy }))('$id: $description', (path) =>
      runPath(path, createServerDriver({ baseUrl: server.url, clock })),
    );
  },
);

describe('the server driver', () => {
  it('makes the calls for real: the mock server answers them', async () => {
    const path = getLoginPaths().find((p) => p.steps.some((step) => step.case === 'confirmOtp.accepted'));
    if (!path) throw new Error('no path logs in');
    await runPath(path, createServerDriver({ baseUrl: server.url, clock }));
    const { requests } = (await (await fetch(`${server.url}/__dev/requests`)).json()) as {
      requests: Array<{ route: string; status?: number }>;
    };
    expect(requests).toContainEqual(
      expect.objectContaining({ route: '/v2/projects/phone-login/confirm', status: 200 }),
    );
  });
});

describe('faultFor', () => {
  it('holds a timed-out call, then refuses it: the mock never does its work after the client gave up', async () => {
    // In server mode the page's deadline aborts its call to the handler, but not the handler's own
    // call to Verifik, which reaches the mock and outlives the page's. Answered normally after the hold,
    // such a confirm used the identifier's one code behind the page's back: the next confirm (in the
    // replays, often the next path's, on the same identifier) met "code expired".
    const post = (route: string, body: unknown) =>
      fetch(`${server.url}${route}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const timeout = { status: 'error', error: { code: 'timeout', retryable: true } } as const;
    const fault = faultFor('confirmOtp', timeout, { timeoutMs: 100 });
    await post('/__dev/reset', {});
    expect((await post(mockRoutes.phoneLogin, { ...pathInputs.phone, type: 'login' })).status).toBe(200);
    await post('/__dev/faults', { route: mockRoutes.phoneConfirm, ...fault });
    const confirm = { ...pathInputs.phone, otp: pathInputs.rightOtp };
    // The handler's call, answered once the hold is over.
    await post(mockRoutes.phoneConfirm, confirm);
    expect((await post(mockRoutes.phoneConfirm, confirm)).status).toBe(200);
  });

  it('leaves successes to the server and retried refresh failures to three requests', () => {
    expect(faultFor('requestOtp', { status: 'done', output: null })).toBeNull();
    expect(
      faultFor('refreshSession', { status: 'error', error: { code: 'server', retryable: true } }),
    ).toEqual({
      status: 500,
      times: 3,
    });
    expect(
      faultFor('requestOtp', { status: 'error', error: { code: 'rate_limited', retryable: true } }),
    ).toMatchObject({ status: 429, headers: { 'Retry-After': '60' } });
  });

  it("answers the authenticator step's answers as Verifik does: a 200 without a token, a 403 for a wrong app code", () => {
    const message = 'You are required to setup the Google Authenticator first.';
    expect(
      faultFor('confirmOtp', {
        status: 'done',
        output: { authenticatorRequired: true, ...pathAuthenticatorSetup },
      }),
    ).toEqual({
      status: 200,
      body: {
        data: { message, QRCode: pathAuthenticatorSetup.qrCode, secretKey: pathAuthenticatorSetup.secretKey },
      },
    });
    expect(faultFor('confirmOtp', { status: 'done', output: { authenticatorRequired: true } })).toEqual({
      status: 200,
      body: { data: { message } },
    });
    expect(
      faultFor('confirmOtp', {
        status: 'error',
        error: { code: 'invalid_authenticator_otp', retryable: false },
      }),
    ).toEqual({ status: 403, body: { code: 'Forbidden', message: 'authenticator_otp_does_not_match' } });
  });
});
