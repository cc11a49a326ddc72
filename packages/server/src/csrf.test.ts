import { describe, expect, it } from 'vitest';
import { appOrigin, base, del, post, uniquePhone, useMockVerifik } from './test-helpers/index.js';

const mock = useMockVerifik();

/** The status and code of an answer. */
async function outcome(response: Response) {
  return [response.status, ((await response.json()) as { code?: string }).code];
}

describe('CSRF: state-changing routes', () => {
  it('refuses a POST without Origin, from another site, or from another port of the same host', async () => {
    const auth = mock.auth();
    for (const origin of [
      null,
      'https://evil.example',
      'https://app.example:8443',
      'http://app.example',
      'null',
    ]) {
      const request = post('/phone-login', uniquePhone(), { origin });
      if (origin === 'https://app.example:8443') request.headers.set('sec-fetch-site', 'same-site');
      expect(await outcome(await auth.handler(request)), String(origin)).toEqual([403, 'unauthorized']);
    }
    expect(await mock.dev().requests()).toEqual([]);
  });

  it('refuses a DELETE from another origin, and leaves the cookie alone', async () => {
    const request = del('/session', '__Host-verifik-session=x');
    request.headers.set('origin', 'https://evil.example');
    const response = await mock.auth().handler(request);
    expect(await outcome(response)).toEqual([403, 'unauthorized']);
    expect(response.headers.getSetCookie()).toEqual([]);
  });

  it('accepts the request URL’s own origin and the allowed ones', async () => {
    const auth = mock.auth({ allowedOrigins: ['https://www.app.example'] });
    expect((await auth.handler(post('/phone-login', uniquePhone()))).status).toBe(200);
    const allowed = await auth.handler(
      post('/phone-login', uniquePhone(), { origin: 'https://www.app.example' }),
    );
    expect(allowed.status).toBe(200);
    const other = await auth.handler(
      post('/phone-login', uniquePhone(), { origin: 'https://www2.app.example' }),
    );
    expect(other.status).toBe(403);
  });

  it('refuses a POST that is not application/json with a 415, and takes parameters', async () => {
    const auth = mock.auth();
    for (const contentType of [
      null,
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data',
      'application/jsonx',
    ]) {
      const response = await auth.handler(post('/phone-login', uniquePhone(), { contentType }));
      expect(await outcome(response), String(contentType)).toEqual([415, 'missing_parameter']);
    }
    const withCharset = await auth.handler(
      post('/phone-login', uniquePhone(), { contentType: 'Application/JSON; charset=utf-8' }),
    );
    expect(withCharset.status).toBe(200);
    expect((await mock.dev().requests()).length).toBe(1);
  });

  it('lets GET /session through with neither Origin nor a content type', async () => {
    const response = await mock
      .auth()
      .handler(new Request(`${base}/session`, { headers: { origin: 'https://evil.example' } }));
    expect(response.status).toBe(200);
    expect((await mock.auth().handler(new Request(`${appOrigin}/auth/verifik/session`))).status).toBe(200);
  });
});
