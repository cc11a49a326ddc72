import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { toNodeHandler } from './index.js';
import { fixedOtp, uniquePhone, useMockVerifik } from './test-helpers/index.js';

const mock = useMockVerifik();
let server: Server | undefined;

afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});

/** Serves `handler` through toNodeHandler on 127.0.0.1; resolves with its base URL. */
async function serve(handler: Parameters<typeof toNodeHandler>[0]): Promise<string> {
  const listening = createServer(toNodeHandler(handler));
  server = listening;
  await new Promise<void>((resolve) => listening.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(listening.address() as AddressInfo).port}`;
}

describe('toNodeHandler', () => {
  it('signs in over node:http: the peer’s address counts, the cookie comes back', async () => {
    const url = await serve(mock.auth({ rateLimit: { sendsPerAddress: { max: 1 } } }).handler);
    const headers = { origin: url, 'content-type': 'application/json' };
    const phone = uniquePhone();
    const send = (body: unknown) =>
      fetch(`${url}/auth/verifik/phone-login`, { method: 'POST', headers, body: JSON.stringify(body) });
    const sent = await send(phone);
    expect(sent.status).toBe(200);
    const challenge = (sent.headers.getSetCookie()[0] as string).split(';')[0] as string;
    expect(challenge).toMatch(/^verifik-session-challenge=/);
    const refused = await send(uniquePhone());
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    const confirmed = await fetch(`${url}/auth/verifik/phone-login/confirm`, {
      method: 'POST',
      headers: { ...headers, cookie: challenge },
      body: JSON.stringify({ ...phone, otp: fixedOtp }),
    });
    expect(confirmed.status).toBe(200);
    const [setCookie] = confirmed.headers.getSetCookie();
    expect(setCookie).toMatch(/^verifik-session=.+; HttpOnly/);
    const session = await fetch(`${url}/auth/verifik/session`, {
      headers: { cookie: (setCookie as string).split(';')[0] as string },
    });
    expect((await session.json()).session.maskedIdentifier).toMatch(/^\+1 /);
    expect(session.headers.get('cache-control')).toBe('no-store');
  });

  it('streams a large body in and out, and sends every Set-Cookie', async () => {
    const url = await serve(async (request, context) => {
      const received = (await request.arrayBuffer()).byteLength;
      const headers = new Headers({
        'x-received': String(received),
        'x-address': context?.clientAddress ?? '',
      });
      headers.append('set-cookie', 'a=1; Path=/');
      headers.append('set-cookie', 'b=2; Path=/');
      const chunks = 64;
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          controller.enqueue(new Uint8Array(64 * 1024).fill(120));
          if (--remaining === 0) controller.close();
        },
      });
      let remaining = chunks;
      return new Response(body, { headers });
    });
    const upload = new Uint8Array(3 * 1024 * 1024).fill(1);
    const response = await fetch(`${url}/anything`, { method: 'POST', body: upload });
    expect(response.headers.get('x-received')).toBe(String(upload.byteLength));
    expect(response.headers.get('x-address')).toBe('127.0.0.1');
    expect(response.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2; Path=/']);
    expect((await response.arrayBuffer()).byteLength).toBe(64 * 64 * 1024);
  });

  it('reads a small body whole and sends a one-chunk answer with its length; an empty answer stays empty', async () => {
    const url = await serve(async (request) => {
      const text = await request.text();
      if (text === '') return new Response(null, { status: 204 });
      return new Response(JSON.stringify({ echoed: JSON.parse(text) }), {
        headers: { 'content-type': 'application/json' },
      });
    });
    const small = await fetch(`${url}/x`, { method: 'POST', body: JSON.stringify({ phone: '1234566663' }) });
    const body = await small.text();
    expect(JSON.parse(body)).toEqual({ echoed: { phone: '1234566663' } });
    expect(small.headers.get('content-length')).toBe(String(Buffer.byteLength(body)));
    expect(small.headers.get('transfer-encoding')).toBeNull();
    const empty = await fetch(`${url}/x`, { method: 'POST', body: '' });
    expect(empty.status).toBe(204);
    expect(await empty.text()).toBe('');
  });

  it('keeps the full path when Express has stripped a mount point from req.url', async () => {
    const seen: string[] = [];
    const handler = toNodeHandler(async (request) => {
      seen.push(new URL(request.url).pathname);
      return new Response('ok');
    });
    server = createServer((req, res) => {
      Object.assign(req, { originalUrl: req.url, url: '/session' });
      void handler(req, res);
    });
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/auth/verifik/session`);
    expect(seen).toEqual(['/auth/verifik/session']);
  });
});
