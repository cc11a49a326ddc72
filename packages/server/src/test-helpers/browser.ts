/**
 * A browser as the handler sees one, without HTTP: a cookie jar that stores every `Set-Cookie` of the
 * handler's answers (deleted on `Max-Age=0`) and sends them back, from one client address.
 */
import type { VerifikAuth } from '../index.js';
import { base, post } from './index.js';

export interface TestBrowser {
  /** The jar: cookie name to value. */
  jar: Map<string, string>;
  /** The `Cookie` header the jar makes. */
  cookie(): string;
  /** `POST {base}{path}` with the jar's cookies, from this browser's address. */
  post(path: string, body?: unknown): Promise<Response>;
  /** `GET` or `DELETE {base}{path}` with the jar's cookies. */
  request(method: 'GET' | 'DELETE', path: string): Promise<Response>;
}

export function testBrowser(auth: VerifikAuth, clientAddress = '203.0.113.10'): TestBrowser {
  const jar = new Map<string, string>();
  const cookie = () => [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
  const keep = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const [name = '', value = ''] = pair.split('=');
      if (value === '' || attributes.some((attribute) => /^\s*max-age=0\s*$/i.test(attribute)))
        jar.delete(name);
      else jar.set(name, value);
    }
    return response;
  };
  return {
    jar,
    cookie,
    post: async (path, body = {}) =>
      keep(await auth.handler(post(path, body, jar.size ? { cookie: cookie() } : {}), { clientAddress })),
    request: async (method, path) => {
      const headers = new Headers({ origin: new URL(base).origin });
      if (jar.size) headers.set('cookie', cookie());
      return keep(await auth.handler(new Request(`${base}${path}`, { method, headers }), { clientAddress }));
    },
  };
}
