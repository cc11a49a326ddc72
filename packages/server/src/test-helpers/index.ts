// Shared by the server's tests: requests as a browser on https://app.example sends them, and a real
// mock Verifik over HTTP.
import { createMockDevClient, type MockServer, startMockServer } from '@verifik-auth/mock-server';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { createVerifikAuth, type VerifikAuth, type VerifikAuthOptions } from '../index.js';

export const secret = 'test-secret-0123456789-abcdefghijklmnop';
export const otherSecret = 'another-secret-0123456789-abcdefghijklm';
export const fixedOtp = '123456';
export const wrongOtp = '654321';
export const appOrigin = 'https://app.example';
export const base = `${appOrigin}/auth/verifik`;

/** A request as the app's own page sends it: same origin, JSON. */
export function post(
  path: string,
  body: unknown = {},
  options: { origin?: string | null; cookie?: string; contentType?: string | null; url?: string } = {},
): Request {
  const headers = new Headers();
  const origin = options.origin === undefined ? new URL(options.url ?? base).origin : options.origin;
  if (origin !== null) headers.set('origin', origin);
  const contentType = options.contentType === undefined ? 'application/json' : options.contentType;
  if (contentType !== null) headers.set('content-type', contentType);
  if (options.cookie) headers.set('cookie', options.cookie);
  return new Request(`${options.url ?? base}${path}`, {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** `GET {base}{path}`, with the cookie when given. */
export function get(path: string, cookie?: string, url = base): Request {
  return new Request(`${url}${path}`, cookie ? { headers: { cookie } } : {});
}

/** `DELETE {base}{path}` from the app's own origin. */
export function del(path: string, cookie?: string, url = base): Request {
  const headers = new Headers({ origin: new URL(url).origin });
  if (cookie) headers.set('cookie', cookie);
  return new Request(`${url}${path}`, { method: 'DELETE', headers });
}

/** The `name=value` pair of the response's one session Set-Cookie (challenge cookies aside), to send back as `Cookie`. */
export function cookieOf(response: Response): string {
  const [setCookie, ...more] = response.headers
    .getSetCookie()
    .filter((line) => !line.split('=')[0]?.endsWith('-challenge'));
  if (!setCookie || more.length > 0) throw new Error(`expected one Set-Cookie, got ${1 + more.length}`);
  return setCookie.split(';')[0] as string;
}

let phones = 0;
/** A phone number no other test in this process uses, so Verifik's counters never meet. */
export const uniquePhone = () => ({
  countryCode: '+1',
  phone: String(3_005_550_000 + ((++phones * 7919 + process.pid) % 999_999)),
});

/** One mock Verifik per test file, over HTTP on 127.0.0.1; no resend cooldown. */
export function useMockVerifik() {
  let server: MockServer | undefined;
  const url = () => {
    if (!server) throw new Error('the mock server is not started yet');
    return server.url;
  };
  beforeAll(async () => {
    server = await startMockServer({ port: 0, fixedOtp, resendCooldownMs: 0 });
  });
  beforeEach(async () => {
    await createMockDevClient(url()).reset();
  });
  afterAll(async () => {
    await server?.close();
  });
  return {
    url,
    dev: () => createMockDevClient(url()),
    /**
     * A handler talking to this mock, answering for the tests' host `app.example`; a request without
     * a client address comes from {@link testAddress}.
     */
    auth: (options: Partial<VerifikAuthOptions> = {}): VerifikAuth =>
      createVerifikAuth({
        secret,
        verifikBaseUrl: url(),
        allowedHosts: ['app.example'],
        getClientAddress: (_request, context) => context?.clientAddress ?? testAddress,
        ...options,
      }),
  };
}

/** The client address of the tests' requests that name none. */
export const testAddress = '192.0.2.1';

/** The `name=value` pair of the challenge cookie a send answered with. */
export function challengeCookieOf(response: Response): string {
  const line = response.headers.getSetCookie().find((one) => one.split('=')[0]?.endsWith('-challenge'));
  if (!line) throw new Error('expected a challenge cookie');
  return line.split(';')[0] as string;
}

/** Signs in by phone through `auth`'s handler; resolves with the session cookie and the answer. */
export async function login(auth: VerifikAuth, phone = uniquePhone(), url = base) {
  const sent = await auth.handler(post('/phone-login', phone, { url }));
  if (sent.status !== 200) throw new Error(`send failed: ${sent.status} ${await sent.text()}`);
  const challenge = challengeCookieOf(sent);
  const response = await auth.handler(
    post('/phone-login/confirm', { ...phone, otp: fixedOtp }, { url, cookie: challenge }),
  );
  if (response.status !== 200)
    throw new Error(`confirm failed: ${response.status} ${await response.clone().text()}`);
  return { cookie: cookieOf(response), response, phone };
}
