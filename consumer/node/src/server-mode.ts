/**
 * Server mode from the installed packages, type-checked with the same Node-only tsconfig: the app's
 * own node:http server mounts @verifik-auth/server, and a login machine in server mode signs in through
 * it (a cookie jar and an Origin header stand in for the browser). The page side never sees the token;
 * the server side reads it with getSession.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect, createLoginMachine, serverMode } from '@verifik-auth/core';
import { createVerifikAuth, toNodeHandler } from '@verifik-auth/server';
import { createActor } from 'xstate';

export interface ServerModeLogin {
  /** The top-level steps the login went through, in order. */
  steps: string[];
  /** Whether the machine's session had a token (it must not). */
  tokenInPage: boolean;
  /** The token's length as the server reads it from the cookie. */
  serverTokenLength: number;
}

/** Signs in by phone through a handler in front of `verifikBaseUrl`; rejects on any error. */
export async function logInThroughServer(verifikBaseUrl: string, otp: string): Promise<ServerModeLogin> {
  const auth = createVerifikAuth({ secret: 'consumer-test-secret-0123456789-abcdef', verifikBaseUrl });
  const server = createServer(toNodeHandler(auth.handler));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let cookie = '';
  const browserFetch = async (input: Request | string | URL, init?: RequestInit) => {
    const headers = new Headers(init?.headers);
    headers.set('origin', origin);
    if (cookie) headers.set('cookie', cookie);
    const response = await fetch(input, { ...init, headers });
    const set = response.headers.getSetCookie()[0];
    if (set) cookie = set.split(';')[0] ?? '';
    return response;
  };
  const actor = createActor(
    createLoginMachine(serverMode({ baseUrl: `${origin}/auth/verifik`, fetch: browserFetch })),
  );
  const steps: string[] = [];
  try {
    const tokenInPage = await new Promise<boolean>((resolve, reject) => {
      let sent = false;
      let submitted = false;
      actor.subscribe({
        next(snapshot) {
          const view = connect(snapshot, actor.send);
          if (steps.at(-1) !== view.step) steps.push(view.step);
          if (view.error) reject(new Error(`${view.step}: ${view.error.code}: ${view.error.message}`));
          else if (view.step === 'idle' && !sent) {
            sent = true;
            view.sendPhone({ countryCode: '+1', phone: '1234566663' });
          } else if (view.step === 'awaitingOtp' && !submitted) {
            submitted = true;
            view.submitOtp(otp);
          } else if (view.step === 'authenticated') resolve(view.session?.accessToken !== undefined);
        },
        error: reject,
      });
      actor.start();
    });
    const session = await auth.getSession(new Request(`${origin}/app`, { headers: { cookie } }));
    if (!session) throw new Error('the server reads no session from the cookie');
    return { steps, tokenInPage, serverTokenLength: session.accessToken.length };
  } finally {
    actor.stop();
    await new Promise((resolve) => server.close(resolve));
  }
}
