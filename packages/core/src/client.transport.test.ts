import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createVerifikClient } from './client.js';
import { sendJson, useHostileServer } from './hostile-server.js';
import { loginError } from './test-utils.js';

// The transport rules of issue 9 §1, each against a real server that misbehaves on purpose.

const api = useHostileServer();
/** Where a hostile redirect points: any request reaching it is a leak. */
const elsewhere = useHostileServer();

const OTP = '917345';
const phone = { countryCode: '+1', phone: '1234566663' } as const;
const token = { data: { accessToken: 'token-from-elsewhere', tokenType: 'bearer' } };

describe('redirects', () => {
  for (const status of [301, 302, 303, 307, 308]) {
    it(`refuses a ${status} on confirm: the code never reaches the other host and no token is taken`, async () => {
      elsewhere.answer((_request, response) => sendJson(response, 200, token));
      api.answer((_request, response) =>
        response.writeHead(status, { location: `${elsewhere.url}/v2/projects/phone-login/confirm` }).end(),
      );
      const client = createVerifikClient({ baseUrl: api.url });
      const error = await loginError(client.confirmPhoneOtp({ ...phone, otp: OTP }));
      expect(error).toMatchObject({ code: 'invalid_response', retryable: false });
      expect(error.status).toBeUndefined();
      expect((error.cause as Error).message).toMatch(/redirect.*refused/i);
      expect(elsewhere.seen).toHaveLength(0);
    });
  }

  it('refuses a redirect on the send and on the refresh too', async () => {
    api.answer((_request, response) => response.writeHead(307, { location: `${elsewhere.url}/x` }).end());
    const client = createVerifikClient({ baseUrl: api.url });
    expect(await loginError(client.requestPhoneOtp(phone))).toMatchObject({ code: 'invalid_response' });
    expect(await loginError(client.refreshSession('a-token'))).toMatchObject({
      code: 'invalid_response',
      retryable: false,
    });
    // Not retried either: one request for the send, one for the refresh.
    expect(api.seen).toHaveLength(2);
    expect(elsewhere.seen).toHaveLength(0);
  });

  it('refuses an answer a custom fetch reached by following a redirect (response.redirected)', async () => {
    elsewhere.answer((_request, response) => sendJson(response, 200, token));
    api.answer((_request, response) =>
      response.writeHead(308, { location: `${elsewhere.url}/confirm` }).end(),
    );
    // A fetch that ignores `redirect: 'manual'`, as some wrappers do.
    const following: typeof fetch = (input, init) => fetch(input, { ...init, redirect: 'follow' });
    const client = createVerifikClient({ baseUrl: api.url, fetch: following });
    const error = await loginError(client.confirmPhoneOtp({ ...phone, otp: OTP }));
    expect(error).toMatchObject({ code: 'invalid_response', retryable: false });
    expect((error.cause as Error).message).toMatch(/redirect/i);
  });

  it('refuses a browser-style opaqueredirect answer (status 0)', async () => {
    const opaque = Object.assign(new Response(null, { status: 200 }), {});
    Object.defineProperties(opaque, { type: { value: 'opaqueredirect' }, status: { value: 0 } });
    const client = createVerifikClient({ baseUrl: api.url, fetch: async () => opaque });
    const error = await loginError(client.confirmPhoneOtp({ ...phone, otp: OTP }));
    expect(error).toMatchObject({ code: 'invalid_response', retryable: false });
  });
});

describe('response size', () => {
  const MiB = 1024 * 1024;

  it('stops reading a 200 body past the cap, without a Content-Length, and answers invalid_response', async () => {
    let written = 0;
    let closedEarly = false;
    api.answer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      response.on('close', () => {
        closedEarly = written < 400 * MiB;
      });
      const pump = () => {
        // 400 MiB if the client kept reading.
        while (written < 400 * MiB && !response.destroyed) {
          written += chunk.length;
          if (!response.write(chunk)) return void response.once('drain', pump);
        }
        response.end();
      };
      response.write('{"data":');
      pump();
    });
    const client = createVerifikClient({ baseUrl: api.url, maxResponseBytes: MiB });
    const error = await loginError(client.requestPhoneOtp(phone));
    expect(error).toMatchObject({ code: 'invalid_response', retryable: false });
    await expect.poll(() => closedEarly).toBe(true);
    expect(written).toBeLessThan(50 * MiB);
  });

  it('counts decoded bytes: a gzip bomb small on the wire is refused', async () => {
    const bomb = gzipSync(Buffer.alloc(64 * MiB, 0x20));
    expect(bomb.length).toBeLessThan(MiB);
    api.answer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      response.end(bomb);
    });
    const client = createVerifikClient({ baseUrl: api.url });
    expect(await loginError(client.requestPhoneOtp(phone))).toMatchObject({ code: 'invalid_response' });
  });

  it('refuses a declared Content-Length over the cap before reading, error bodies included', async () => {
    api.answer((_request, response) => {
      response.writeHead(500, { 'content-type': 'application/json', 'content-length': String(2 * MiB) });
      response.write('{"code":"x"');
      // Never sends the rest: the client must not wait for it.
    });
    const client = createVerifikClient({ baseUrl: api.url, timeout: 5_000 });
    expect(await loginError(client.requestPhoneOtp(phone))).toMatchObject({ code: 'invalid_response' });
  });

  it('caps an error body too: a 5 MB error message is invalid_response, not a 5 MB LoginError', async () => {
    api.answer((_request, response) =>
      sendJson(response, 400, { code: 'BadRequest', message: 'x'.repeat(5 * MiB) }),
    );
    const client = createVerifikClient({ baseUrl: api.url });
    const error = await loginError(client.requestPhoneOtp(phone));
    expect(error.code).toBe('invalid_response');
    expect(error.message.length).toBeLessThan(500);
  });

  it('keeps at most 200 characters of a server message, with no control characters', async () => {
    const message = `\u001b[2J\u001b]0;pwned\u0007otp_does_not_match\r\n${'\u009b31m'}${'y'.repeat(50_000)}`;
    api.answer((_request, response) => sendJson(response, 403, { code: 'Forbidden\u001b[31m', message }));
    const client = createVerifikClient({ baseUrl: api.url });
    const error = await loginError(client.confirmPhoneOtp({ ...phone, otp: OTP }));
    expect(error.serverMessage?.length).toBeLessThanOrEqual(200);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: asserting their absence
    const controls = /[\u0000-\u001f\u007f-\u009f]/;
    for (const text of [error.serverMessage, error.serverCode, error.message]) {
      expect(text).not.toMatch(controls);
    }
    expect(error.serverMessage).toMatch(/^\[2J]0;pwnedotp_does_not_match 31my+…$/);
  });
});

describe("a fetch with no body stream (React Native's)", () => {
  const MiB = 1024 * 1024;
  /** Node's fetch, its answers without `body`, as whatwg-fetch's (React Native's fetch) are. */
  const streamless: typeof fetch = async (input, init) =>
    Object.defineProperty(await fetch(input, init), 'body', { value: undefined });

  it('reads the whole answer', async () => {
    api.answer((_request, response) => sendJson(response, 200, token));
    const client = createVerifikClient({ baseUrl: api.url, fetch: streamless });
    expect(await client.confirmPhoneOtp({ ...phone, otp: OTP })).toMatchObject({
      accessToken: 'token-from-elsewhere',
    });
  });

  it('refuses it once read when it is past the cap in UTF-8 bytes, without a Content-Length', async () => {
    api.answer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      // 600 000 characters, 1.8 MB: under the cap counted in characters, over it in bytes.
      response.write(`{"data":{"accessToken":"${'€'.repeat(600_000)}",`);
      response.end('"tokenType":"bearer"}}');
    });
    const client = createVerifikClient({ baseUrl: api.url, fetch: streamless, maxResponseBytes: MiB });
    const error = await loginError(client.confirmPhoneOtp({ ...phone, otp: OTP }));
    expect(error).toMatchObject({ code: 'invalid_response', retryable: false });
    expect((error.cause as Error).name).toBe('ResponseTooLargeError');
  });
});

describe('one deadline per call', () => {
  it('times out a body that drips in after quick headers, though each part alone is within the limit', async () => {
    api.answer((_request, response) => {
      setTimeout(() => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.write('{"data":{');
        // Headers at ~250 ms, the body's end ~300 ms later: 550 ms in all against a 400 ms deadline.
        setTimeout(() => response.end('"status":"sent"}}'), 300);
      }, 250);
    });
    const client = createVerifikClient({ baseUrl: api.url, timeout: 400 });
    expect(await loginError(client.requestPhoneOtp(phone))).toMatchObject({
      code: 'timeout',
      retryable: true,
    });
  });
});

describe('a fetch that ignores the signal', () => {
  it('still ends at the deadline while waiting for headers: the UI is never busy for ever', async () => {
    // Rebuilds the request from its URL, losing its signal, and the server never answers.
    const deaf: typeof fetch = () => new Promise(() => undefined);
    const client = createVerifikClient({ baseUrl: api.url, timeout: 200, fetch: deaf });
    expect(await loginError(client.requestPhoneOtp(phone))).toMatchObject({ code: 'timeout' });
  });
});

describe('a blank token', () => {
  it('is an invalid answer, not a login', async () => {
    api.answer((_request, response) => sendJson(response, 200, { data: { accessToken: '   ' } }));
    const client = createVerifikClient({ baseUrl: api.url });
    expect(await loginError(client.confirmPhoneOtp({ ...phone, otp: OTP }))).toMatchObject({
      code: 'invalid_response',
    });
  });
});

describe('refresh retries honour Retry-After', () => {
  const refreshed = { accessToken: 'fresh-token', tokenType: 'bearer' };

  /** Fails the first refresh with 503 and `retryAfter`, then succeeds; returns the gap between the two. */
  async function gapAfter(retryAfter: (serverNow: number) => string): Promise<number> {
    api.answer((_request, response) => {
      if (api.seen.length > 1) return sendJson(response, 200, refreshed);
      // Whole seconds, as the Date header has them, so an HTTP date means exactly what it says.
      const serverNow = Math.floor(Date.now() / 1000) * 1000;
      sendJson(
        response,
        503,
        { code: 'ServiceUnavailable' },
        { date: new Date(serverNow).toUTCString(), 'retry-after': retryAfter(serverNow) },
      );
    });
    const client = createVerifikClient({ baseUrl: api.url });
    const session = await client.refreshSession('a-token');
    expect(session.accessToken).toBe('fresh-token');
    expect(api.seen).toHaveLength(2);
    const [first, second] = api.seen;
    return (second?.at ?? 0) - (first?.at ?? 0);
  }

  it('waits a decimal Retry-After before trying again', async () => {
    expect(await gapAfter(() => '0.6')).toBeGreaterThanOrEqual(550);
  });

  it('waits until an HTTP-date Retry-After, measured against the Date header', async () => {
    expect(await gapAfter((serverNow) => new Date(serverNow + 1000).toUTCString())).toBeGreaterThanOrEqual(
      900,
    );
  });

  it('does not wait out a Retry-After beyond 5 s: the caller gets the error with retryAt', async () => {
    api.answer((_request, response) =>
      sendJson(response, 503, { code: 'ServiceUnavailable' }, { 'retry-after': '30' }),
    );
    const client = createVerifikClient({ baseUrl: api.url, now: () => 1_000 });
    const error = await loginError(client.refreshSession('a-token'));
    expect(error).toMatchObject({ code: 'server', retryAt: 31_000 });
    expect(api.seen).toHaveLength(1);
  });
});
