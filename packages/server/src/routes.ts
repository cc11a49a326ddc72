import {
  type AuthenticatorRequired,
  maskEmail,
  maskPhone,
  type Session,
  type VerifikClient,
} from '@verifik-auth/core/client';
import {
  emailKey,
  parseEmailConfirm,
  parseEmailLogin,
  parsePhoneConfirm,
  parsePhoneLogin,
  phoneKey,
  readJsonObject,
} from './bodies.js';
import type { ChallengeSigner } from './challenge.js';
import {
  type CookiePolicy,
  type CookieSettings,
  challengeCookieSettings,
  clearedCookie,
  readCookie,
  sessionCookie,
} from './cookies.js';
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
  sealer: Sealer<SealedSession>;
  challenges: ChallengeSigner;
  /** The destination's pseudonym, as the limits count it (the challenge cookie carries it). */
  pseudonym: (key: string) => Promise<string>;
  limiter: Limiter;
  store: VerifikAuthStore;
  cookiePolicy: CookiePolicy;
  allowedOrigins: ReadonlySet<string>;
  isAllowedHost: HostCheck;
  getClientAddress: NonNullable<VerifikAuthOptions['getClientAddress']>;
  now: () => number;
}

/** The longest a challenge cookie lives, ms: a code lives 10 minutes, its attempts are counted for 15. */
const MAX_CHALLENGE_MS = 15 * 60_000;

/** One route's work, after the method, origin and content type have been checked. */
type Action = (
  request: Request,
  settings: CookieSettings,
  context: HandlerContext | undefined,
) => Promise<Response>;

type Method = 'GET' | 'POST' | 'DELETE';

/** Builds the Fetch handler: `(request, context?) => Promise<Response>`; it never rejects. */
export function createRouter(deps: RouteDeps) {
  const { client, sealer, challenges, limiter, store, now } = deps;

  /** A client call whose failure becomes the matching refusal; never made for a request already abandoned. */
  async function verifik<T>(request: Request, call: () => Promise<T>): Promise<T> {
    // A client that went away (a reset connection) gets nothing sent or checked on its behalf.
    if (request.signal.aborted) throw new Refusal(400, 'network', 'The request was abandoned.');
    try {
      return await call();
    } catch (error) {
      throw refusalFromClient(error, now());
    }
  }

  async function clientAddress(request: Request, context: HandlerContext | undefined) {
    return (await deps.getClientAddress(request, context)) || undefined;
  }

  /** A store call whose failure means "cannot tell": the request fails closed. */
  async function stored<T>(call: () => Promise<T>, headers?: Headers): Promise<T> {
    try {
      return await call();
    } catch {
      throw new Refusal(
        503,
        'server',
        'The login service cannot reach its session store right now. Please try again.',
        undefined,
        headers,
      );
    }
  }

  /** Seals `session` (generation `gen` of login `fid`) into a cookie and answers with its view. */
  async function signIn(
    settings: CookieSettings,
    session: Session,
    maskedIdentifier: string,
    fid: string,
    gen: number,
    headers = new Headers(),
  ) {
    const at = now();
    const sealed: SealedSession = {
      fid,
      gen,
      accessToken: session.accessToken,
      tokenType: session.tokenType,
      issuedAt: session.issuedAt,
      expiresAt: session.expiresAt,
      maskedIdentifier,
    };
    headers.append(
      'set-cookie',
      sessionCookie(settings, await sealer.seal(sealed, at), (sealed.expiresAt - at) / 1000),
    );
    return jsonResponse(200, { session: sessionView(sealed, at, true) }, headers);
  }

  /** A send: limits first (they fail closed), then Verifik; the answer sets the challenge cookie. */
  async function send(
    key: string,
    request: Request,
    settings: CookieSettings,
    context: HandlerContext | undefined,
    call: () => Promise<Parameters<typeof challengeView>[0]>,
  ) {
    await limiter.send(key, await clientAddress(request, context));
    const challenge = await verifik(request, call);
    const at = now();
    const expiresAt = Math.min(Math.max(challenge.expiresAt, at + 1000), at + MAX_CHALLENGE_MS);
    const destination = await deps.pseudonym(key);
    const sealed = await challenges.sign({ cid: crypto.randomUUID(), destination, expiresAt });
    const headers = new Headers();
    headers.append(
      'set-cookie',
      sessionCookie(challengeCookieSettings(settings), sealed, (expiresAt - at) / 1000),
    );
    return jsonResponse(200, { challenge: challengeView(challenge, at) }, headers);
  }

  /**
   * A confirm: only with the challenge cookie of a code sent to this destination (else refused before
   * any counter or Verifik call), counted per challenge, address and destination; a right code starts
   * a login record and clears the challenge. A right code of an account that must use an authenticator
   * gets Verifik's setup (QR code, key) passed on, never kept, and a new challenge cookie: the code is not
   * used up, and the app's code gets attempts of its own (5, besides the address's and destination's).
   */
  async function confirm(
    key: string,
    maskedIdentifier: string,
    request: Request,
    settings: CookieSettings,
    context: HandlerContext | undefined,
    call: () => Promise<Session | AuthenticatorRequired>,
  ) {
    const challengeSettings = challengeCookieSettings(settings);
    const sealed = readCookie(request, challengeSettings.name);
    const challenge = sealed === undefined ? undefined : await challenges.open(sealed, now());
    if (!challenge || challenge.destination !== (await deps.pseudonym(key))) {
      throw new Refusal(
        410,
        'otp_expired',
        'No code was sent to this browser for this phone number or email address, or it has expired. Ask for a new code.',
      );
    }
    await limiter.confirm(key, challenge.cid, await clientAddress(request, context));
    const session = await verifik(request, call);
    if ('authenticatorRequired' in session) {
      const { qrCode, secretKey } = session;
      const headers = new Headers();
      const next = await challenges.sign({ ...challenge, cid: crypto.randomUUID() });
      headers.append(
        'set-cookie',
        sessionCookie(challengeSettings, next, (challenge.expiresAt - now()) / 1000),
      );
      return jsonResponse(200, { authenticator: { qrCode, secretKey } }, headers);
    }
    const fid = crypto.randomUUID();
    const created = await stored(() => store.createLogin(fid, Math.max(1, session.expiresAt - now())));
    if (!created) {
      throw new Refusal(503, 'server', 'The login service is full right now. Please try again later.');
    }
    const response = await signIn(settings, session, maskedIdentifier, fid, 0);
    // The code is used: its challenge goes (after the session cookie, which comes first).
    response.headers.append('set-cookie', clearedCookie(challengeSettings));
    return response;
  }

  /** The answer to a cookie a newer one replaced: not signed in, and not deleted (the newer one may be on its way). */
  const superseded = () =>
    new Refusal(
      409,
      'server',
      'This session was just refreshed by another request; read GET /session again.',
      1,
    );

  /**
   * A refresh or a sign-out everywhere else of the cookie's login: counted per login by `count`, then
   * `call` trades its token for a new one, sealed in a cookie of the login's next generation.
   */
  async function renew(
    request: Request,
    settings: CookieSettings,
    count: (loginId: string) => Promise<void>,
    call: (token: string) => Promise<Session>,
  ) {
    const read = await readSession(request, settings, sealer, store, now());
    if (read.state === 'superseded') throw superseded();
    const headers = new Headers();
    if (read.state === 'invalid') headers.append('set-cookie', clearedCookie(settings));
    if (read.state !== 'active') {
      throw new Refusal(401, 'unauthorized', 'Not signed in.', undefined, headers);
    }
    const old = read.session;
    const { fid } = old;
    const gen = old.gen + 1;
    await count(fid);
    if (request.signal.aborted) throw new Refusal(400, 'network', 'The request was abandoned.');
    // Claimed before Verifik is called: of concurrent renewals of one cookie exactly one goes on
    // (one new token, one live cookie); the others re-read the session once the winner's cookie lands.
    const oldTtl = Math.max(1, old.expiresAt - now());
    if (!(await stored(() => store.setLoginGeneration(fid, old.gen, gen, oldTtl)))) throw superseded();
    let renewed: Session;
    try {
      renewed = await verifik(request, () => call(old.accessToken));
    } catch (error) {
      const refusal = error as Refusal;
      if (refusal.code === 'unauthorized') {
        // Verifik no longer takes the token: the login is worth nothing, end it.
        await store.endLogin(fid).catch(() => {});
        headers.append('set-cookie', clearedCookie(settings));
      } else {
        // The claim advanced the login: the old token goes on in a cookie of the new generation.
        const kept = { ...old, gen };
        headers.append(
          'set-cookie',
          sessionCookie(settings, await sealer.seal(kept, now()), (old.expiresAt - now()) / 1000),
        );
      }
      throw new Refusal(refusal.status, refusal.code, refusal.message, refusal.retryAfterSeconds, headers);
    }
    // Kept as long as the new token lives; false when a logout ended the login meanwhile.
    const ttl = Math.max(1, renewed.expiresAt - now());
    if (!(await stored(() => store.setLoginGeneration(fid, gen, gen, ttl)))) {
      headers.append('set-cookie', clearedCookie(settings));
      throw new Refusal(401, 'unauthorized', 'Signed out.', undefined, headers);
    }
    return signIn(settings, renewed, old.maskedIdentifier, fid, gen);
  }

  const routes: Record<string, Partial<Record<Method, Action>>> = {
    '/phone-login': {
      POST: async (request, settings, context) => {
        const input = parsePhoneLogin(await readJsonObject(request));
        return send(phoneKey(input), request, settings, context, () => client.requestPhoneOtp(input));
      },
    },
    '/phone-login/confirm': {
      POST: async (request, settings, context) => {
        const input = parsePhoneConfirm(await readJsonObject(request));
        const masked = maskPhone(input.countryCode, input.phone);
        return confirm(phoneKey(input), masked, request, settings, context, () =>
          client.confirmPhoneOtp(input),
        );
      },
    },
    '/email-login': {
      POST: async (request, settings, context) => {
        const input = parseEmailLogin(await readJsonObject(request));
        return send(emailKey(input.email), request, settings, context, () => client.requestEmailOtp(input));
      },
    },
    '/email-login/confirm': {
      POST: async (request, settings, context) => {
        const input = parseEmailConfirm(await readJsonObject(request));
        return confirm(emailKey(input.email), maskEmail(input.email), request, settings, context, () =>
          client.confirmEmailOtp(input),
        );
      },
    },
    '/session': {
      GET: async (request, settings) => {
        const read = await readSession(request, settings, sealer, store, now());
        if (read.state === 'superseded') throw superseded();
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
        // The session cookie only: a code another tab of this browser is logging in with stays good,
        // as in browser mode, where a logout elsewhere leaves a pending login alone.
        headers.append('set-cookie', clearedCookie(settings));
        // A cookie that opens, even an older or logged-out one, ends its whole login.
        if (read.state !== 'none' && read.session) {
          const { fid } = read.session;
          // The browser forgets the cookie, but a copy of it would still work: say so.
          await stored(() => store.endLogin(fid), headers).catch((refusal: Refusal) => {
            throw new Refusal(
              503,
              'server',
              'Signed out in this browser, but the logout could not be recorded; a copy of the cookie stays valid.',
              undefined,
              refusal.headers,
            );
          });
        }
        return jsonResponse(200, { session: null }, headers);
      },
    },
    '/session/refresh': {
      POST: (request, settings) =>
        renew(
          request,
          settings,
          (fid) => limiter.refresh(fid),
          (token) => client.refreshSession(token),
        ),
    },
    '/session/revoke-others': {
      // Ends every other token of the account at Verifik, other devices' and servers' included.
      POST: (request, settings) =>
        renew(
          request,
          settings,
          (fid) => limiter.revoke(fid),
          (token) => client.renewAndRevoke(token),
        ),
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
