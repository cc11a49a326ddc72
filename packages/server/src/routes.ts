import { maskEmail, maskPhone, type Session, type VerifikClient } from '@verifik-auth/core/client';
import {
  emailKey,
  parseEmailConfirm,
  parseEmailLogin,
  parsePhoneConfirm,
  parsePhoneLogin,
  phoneKey,
  readJsonObject,
} from './bodies.js';
import { type CookiePolicy, type CookieSettings, clearedCookie, sessionCookie } from './cookies.js';
import { checkJsonContentType, checkOrigin } from './csrf.js';
import { jsonResponse, Refusal, refusalFromClient, refusalResponse } from './errors.js';
import { type HostCheck, hostRefusal } from './hosts.js';
import type { Limiter } from './limits.js';
import type { HandlerContext, VerifikAuthOptions } from './options.js';
import type { SealedSession, Sealer } from './seal.js';
import { readSession } from './session.js';
import type { VerifikAuthStore } from './store.js';
import { challengeView, sessionView } from './views.js';

/** What the routes need, resolved from the options once. */
export interface RouteDeps {
  basePath: string;
  client: VerifikClient;
  sealer: Sealer;
  limiter: Limiter;
  store: VerifikAuthStore;
  cookiePolicy: CookiePolicy;
  allowedOrigins: ReadonlySet<string>;
  isAllowedHost: HostCheck;
  getClientAddress: NonNullable<VerifikAuthOptions['getClientAddress']>;
  now: () => number;
}

/** One route's work, after the method, origin and content type have been checked. */
type Action = (
  request: Request,
  settings: CookieSettings,
  context: HandlerContext | undefined,
) => Promise<Response>;

type Method = 'GET' | 'POST' | 'DELETE';

/** Builds the Fetch handler: `(request, context?) => Promise<Response>`; it never rejects. */
export function createRouter(deps: RouteDeps) {
  const { client, sealer, limiter, store, now } = deps;

  /** A client call whose failure becomes the matching refusal. */
  async function verifik<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      throw refusalFromClient(error, now());
    }
  }

  async function clientAddress(request: Request, context: HandlerContext | undefined) {
    return (await deps.getClientAddress(request, context)) || undefined;
  }

  /** Seals `session` into a new cookie (of the login `fid`, when a refresh) and answers with its view. */
  async function signIn(settings: CookieSettings, session: Session, maskedIdentifier: string, fid?: string) {
    const at = now();
    const sealed: SealedSession = {
      sid: crypto.randomUUID(),
      fid: fid ?? crypto.randomUUID(),
      accessToken: session.accessToken,
      tokenType: session.tokenType,
      issuedAt: session.issuedAt,
      expiresAt: session.expiresAt,
      maskedIdentifier,
    };
    const headers = new Headers();
    headers.append(
      'set-cookie',
      sessionCookie(settings, await sealer.seal(sealed, at), (sealed.expiresAt - at) / 1000),
    );
    return jsonResponse(200, { session: sessionView(sealed, at, true) }, headers);
  }

  /** Records a logged-out cookie until it would have expired anyway. */
  const revoke = (session: SealedSession) =>
    store.revoke(session.sid, Math.max(1, session.expiresAt - now()));

  /**
   * Records a logout of the whole login `session` belongs to, so that every cookie of it stops
   * working: one a refresh made from a copy, or one a refresh racing this logout is about to issue.
   * Kept until a cookie of the login refreshed just now (a token as long-lived as this one) would expire.
   */
  const revokeLogin = async (session: SealedSession) => {
    const at = now();
    const lifetime = Math.max(0, session.expiresAt - session.issuedAt);
    await Promise.all([
      revoke(session),
      session.fid !== undefined && store.revoke(session.fid, Math.max(1, session.expiresAt - at, lifetime)),
    ]);
  };

  /** A send: limits first (they fail closed), then Verifik; a sent code starts its confirms from zero. */
  async function send(
    key: string,
    request: Request,
    context: HandlerContext | undefined,
    call: () => Promise<Parameters<typeof challengeView>[0]>,
  ) {
    await limiter.send(key, await clientAddress(request, context));
    const challenge = await verifik(call);
    // The code is sent and paid for: a reset that fails leaves the old count, which only errs on the
    // strict side, so the challenge is answered anyway.
    await limiter.resetConfirms(key).catch(() => {});
    return jsonResponse(200, { challenge: challengeView(challenge, now()) });
  }

  const routes: Record<string, Partial<Record<Method, Action>>> = {
    '/phone-login': {
      POST: async (request, _settings, context) => {
        const input = parsePhoneLogin(await readJsonObject(request));
        return send(phoneKey(input), request, context, () => client.requestPhoneOtp(input));
      },
    },
    '/phone-login/confirm': {
      POST: async (request, settings) => {
        const input = parsePhoneConfirm(await readJsonObject(request));
        await limiter.confirm(phoneKey(input));
        const session = await verifik(() => client.confirmPhoneOtp(input));
        return signIn(settings, session, maskPhone(input.countryCode, input.phone));
      },
    },
    '/email-login': {
      POST: async (request, _settings, context) => {
        const input = parseEmailLogin(await readJsonObject(request));
        return send(emailKey(input.email), request, context, () => client.requestEmailOtp(input));
      },
    },
    '/email-login/confirm': {
      POST: async (request, settings) => {
        const input = parseEmailConfirm(await readJsonObject(request));
        await limiter.confirm(emailKey(input.email));
        const session = await verifik(() => client.confirmEmailOtp(input));
        return signIn(settings, session, maskEmail(input.email));
      },
    },
    '/session': {
      GET: async (request, settings) => {
        const read = await readSession(request, settings, sealer, store, now());
        const headers = new Headers();
        // A dead cookie is dropped; one we could not check is left alone (it may be fine).
        if (read.state === 'invalid') headers.append('set-cookie', clearedCookie(settings));
        return jsonResponse(
          200,
          { session: read.state === 'active' ? sessionView(read.session, now()) : null },
          headers,
        );
      },
      DELETE: async (request, settings) => {
        const read = await readSession(request, settings, sealer, store, now());
        const headers = new Headers();
        headers.append('set-cookie', clearedCookie(settings));
        // A cookie that opens, even one already refreshed or logged out, ends its whole login.
        if (read.state !== 'none' && read.session) {
          try {
            await revokeLogin(read.session);
          } catch {
            // The browser forgets the cookie, but a copy of it would still work: say so.
            throw new Refusal(
              503,
              'server',
              'Signed out in this browser, but the logout could not be recorded; a copy of the cookie stays valid.',
              undefined,
              headers,
            );
          }
        }
        return jsonResponse(200, { session: null }, headers);
      },
    },
    '/session/refresh': {
      POST: async (request, settings) => {
        const read = await readSession(request, settings, sealer, store, now());
        const headers = new Headers();
        if (read.state === 'invalid') headers.append('set-cookie', clearedCookie(settings));
        if (read.state !== 'active') {
          throw new Refusal(401, 'unauthorized', 'Not signed in.', undefined, headers);
        }
        const old = read.session;
        await limiter.refresh(old.fid ?? old.sid);
        let renewed: Session;
        try {
          renewed = await client.refreshSession(old.accessToken);
        } catch (error) {
          const refusal = refusalFromClient(error, now());
          if (refusal.code !== 'unauthorized') throw refusal;
          // Verifik no longer takes the token: this cookie is worth nothing, drop it.
          headers.append('set-cookie', clearedCookie(settings));
          throw new Refusal(401, 'unauthorized', refusal.message, undefined, headers);
        }
        const response = await signIn(settings, renewed, old.maskedIdentifier, old.fid);
        // The new token is already issued; a failed record only leaves the old cookie working until it
        // expires, as it would have without a refresh, so the answer still goes out.
        await revoke(old).catch(() => {});
        return response;
      },
    },
  };

  return async function handler(request: Request, context?: HandlerContext): Promise<Response> {
    try {
      const url = new URL(request.url);
      // Before anything else: a host we do not answer for (a DNS-rebinding page) gets nothing, not even a 404.
      if (!deps.isAllowedHost(url.hostname)) throw hostRefusal(url.hostname);
      const { pathname } = url;
      const route = pathname.startsWith(`${deps.basePath}/`)
        ? routes[pathname.slice(deps.basePath.length)]
        : undefined;
      if (!route) throw new Refusal(404, 'unknown', 'Not found.');
      const method = request.method.toUpperCase() as Method;
      const action = route[method];
      if (!action) {
        const allow = new Headers({ allow: Object.keys(route).join(', ') });
        throw new Refusal(405, 'unknown', `${request.method} is not allowed here.`, undefined, allow);
      }
      if (method !== 'GET') checkOrigin(request, url, deps.allowedOrigins);
      if (method === 'POST') checkJsonContentType(request);
      return await action(request, deps.cookiePolicy(url), context);
    } catch (error) {
      if (error instanceof Refusal) return refusalResponse(error);
      // A bug of ours or of an option (getClientAddress, a store that throws synchronously): no detail out.
      return refusalResponse(new Refusal(500, 'server', 'The login service had an unexpected problem.'));
    }
  };
}
