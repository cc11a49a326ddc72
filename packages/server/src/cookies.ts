import { parseCookie, stringifySetCookie } from 'cookie';
import type { CookieOptions } from './options.js';

/** The session cookie's name and attributes for one request. */
export interface CookieSettings {
  name: string;
  secure: boolean;
  sameSite: 'lax' | 'strict';
  path: string;
}

/** Resolves the cookie's settings per request (`Secure` and the default name depend on its URL). */
export type CookiePolicy = (url: URL) => CookieSettings;

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

/** `http://localhost`, `http://127.0.0.1` and `http://[::1]`, any port: development without TLS. */
export const isLoopbackHttp = (url: URL) => url.protocol === 'http:' && loopbackHosts.has(url.hostname);

/** Checks the cookie options once and returns the per-request policy. */
export function createCookiePolicy(options: CookieOptions = {}): CookiePolicy {
  const { name, sameSite = 'lax', path = '/' } = options;
  if (sameSite !== 'lax' && sameSite !== 'strict') {
    throw new TypeError('createVerifikAuth: `cookie.sameSite` must be "lax" or "strict".');
  }
  if (typeof path !== 'string' || !path.startsWith('/') || /[;\s]/.test(path)) {
    throw new TypeError('createVerifikAuth: `cookie.path` must be a path starting with "/".');
  }
  if (name !== undefined && !/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(name)) {
    throw new TypeError(
      `createVerifikAuth: \`cookie.name\` ${JSON.stringify(name)} is not a valid cookie name.`,
    );
  }
  const prefixed = name !== undefined && /^__(Host|Secure)-/i.test(name);
  if (prefixed && options.secure === false) {
    throw new TypeError(
      `createVerifikAuth: a cookie named ${name} must be Secure; drop \`cookie.secure: false\`.`,
    );
  }
  if (name !== undefined && /^__Host-/i.test(name) && path !== '/') {
    throw new TypeError(`createVerifikAuth: a cookie named ${name} must have \`cookie.path\` "/".`);
  }
  return (url) => {
    const secure = prefixed || (options.secure ?? !isLoopbackHttp(url));
    const fallbackName = !secure
      ? 'verifik-session'
      : path === '/'
        ? '__Host-verifik-session'
        : '__Secure-verifik-session';
    return { name: name ?? fallbackName, secure, sameSite, path };
  };
}

/** The value of the cookie `name` in `request`, if any. */
export function readCookie(request: Request, name: string): string | undefined {
  const header = request.headers.get('cookie');
  if (!header) return undefined;
  // A sealed value is base64url and dots; the identity decoder keeps anything else from being rewritten.
  return parseCookie(header, { decode: (value) => value })[name] || undefined;
}

/**
 * The challenge cookie's settings beside the session cookie's: its name with `-challenge` added, and
 * `SameSite=Strict` (only the app's own pages confirm a code).
 */
export const challengeCookieSettings = (settings: CookieSettings): CookieSettings => ({
  ...settings,
  name: `${settings.name}-challenge`,
  sameSite: 'strict',
});

/** `Set-Cookie` for a sealed session living `maxAgeSeconds`. */
export function sessionCookie(settings: CookieSettings, value: string, maxAgeSeconds: number): string {
  return stringifySetCookie({
    name: settings.name,
    value,
    httpOnly: true,
    secure: settings.secure,
    sameSite: settings.sameSite,
    path: settings.path,
    maxAge: Math.max(0, Math.floor(maxAgeSeconds)),
  });
}

/** `Set-Cookie` that deletes the session cookie. */
export function clearedCookie(settings: CookieSettings): string {
  return stringifySetCookie({
    name: settings.name,
    value: '',
    httpOnly: true,
    secure: settings.secure,
    sameSite: settings.sameSite,
    path: settings.path,
    maxAge: 0,
    expires: new Date(0),
  });
}
