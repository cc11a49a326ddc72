/**
 * A Verifik stand-in as a `fetch`, for floods that would take minutes over HTTP against the mock: it
 * answers each login route with the documented shapes (shared/verifik-api.md §1–5), accepts the code
 * `123456`, and counts what reached it.
 */
import { fixedOtp } from './index.js';

export interface StubVerifik {
  /** Give it to `createVerifikAuth({ fetch })`. */
  fetch: (input: string | URL | Request, init?: RequestInit) => Promise<Response>;
  /** Calls that reached each route, by its path (`/v2/projects/phone-login`, …). */
  calls: Map<string, number>;
  /** How many calls reached `path`. */
  count(path: string): number;
}

/** The stand-in's own base URL (never contacted: the stub `fetch` answers). */
export const stubVerifikUrl = 'http://127.0.0.1:9';

/** `now`: the clock the answers' `expiresAt` is set by (a test's simulated clock). */
export function stubVerifik(now: () => number = Date.now): StubVerifik {
  const calls = new Map<string, number>();
  let tokens = 0;
  const json = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  const fetch = async (input: string | URL | Request, init?: RequestInit) => {
    const request = new Request(input, init);
    const { pathname } = new URL(request.url);
    calls.set(pathname, (calls.get(pathname) ?? 0) + 1);
    const body = request.method === 'POST' ? ((await request.json()) as Record<string, unknown>) : {};
    const expiresAt = new Date(now() + 600_000).toISOString();
    const token = () => ({
      data: { accessToken: `stub-token-${++tokens}-${'x'.repeat(40)}`, tokenType: 'bearer' },
    });
    switch (pathname) {
      case '/v2/projects/phone-login':
        return json(200, {
          data: {
            status: 'sent',
            countryCode: body.countryCode,
            phone: String(body.phone),
            phoneGateway: 'sms',
            expiresAt,
            requires2FA: false,
          },
        });
      case '/v2/projects/email-login':
        return json(200, { data: { status: 'sent', email: body.email, expiresAt } });
      case '/v2/projects/phone-login/confirm':
      case '/v2/projects/email-login/confirm':
        return body.otp === fixedOtp
          ? json(200, token())
          : json(403, { code: 'Forbidden', message: 'otp_does_not_match' });
      case '/v2/auth/session':
        return json(200, token().data);
      default:
        return new Response('Not Found', { status: 404 });
    }
  };
  return { fetch, calls, count: (path) => calls.get(path) ?? 0 };
}
