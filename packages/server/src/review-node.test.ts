// Security review regressions: each test fails without the fix it names.
import { createServer, request as httpRequest, type Server } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { toNodeHandler } from './index.js';
import { uniquePhone, useMockVerifik } from './test-helpers/index.js';

const mock = useMockVerifik();

describe('toNodeHandler: the request target cannot pick the origin the CSRF check compares with', () => {
  let server: Server | undefined;
  afterEach(async () => {
    await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
    server = undefined;
  });

  /** Sends a raw request with `target` as the request line's target; resolves with status and body. */
  async function raw(
    handler: Parameters<typeof toNodeHandler>[0],
    target: string,
    headers: Record<string, string> = {},
    method = 'GET',
    body?: string,
  ) {
    const listening = createServer(toNodeHandler(handler));
    server = listening;
    await new Promise<void>((resolve) => listening.listen(0, '127.0.0.1', resolve));
    const { port } = listening.address() as AddressInfo;
    return new Promise<{ status: number; body: string; port: number }>((resolve, reject) => {
      const req = httpRequest(
        { host: '127.0.0.1', port, method, path: target, headers: { ...headers } },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk) => {
            text += chunk;
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, port }));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  const echoUrl = async (request: Request) => new Response(request.url);

  it('keeps the Host header’s origin for a target starting with "//"', async () => {
    const { status, body, port } = await raw(echoUrl, '//evil.example/auth/verifik/session');
    expect(status).toBe(200);
    const url = new URL(body);
    expect(url.host).toBe(`127.0.0.1:${port}`);
    expect(url.pathname).toBe('//evil.example/auth/verifik/session');
  });

  it('keeps the Host header’s origin for an absolute-form target', async () => {
    const { body, port } = await raw(echoUrl, 'http://evil.example/auth/verifik/session');
    expect(new URL(body).host).toBe(`127.0.0.1:${port}`);
  });

  it('refuses a cross-origin POST sent to "//its-own-host/auth/verifik/…"', async () => {
    const { status } = await raw(
      mock.auth().handler,
      '//evil.example/auth/verifik/phone-login',
      { origin: 'http://evil.example', 'content-type': 'application/json' },
      'POST',
      JSON.stringify(uniquePhone()),
    );
    expect(status).not.toBe(200);
    expect(await mock.dev().requests()).toEqual([]);
  });
});

describe('toNodeHandler: a body trickled over TCP', () => {
  it('answers 408 timeout once 10 s have passed on a body that declares a small length and stops sending', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    let reachedVerifik = false;
    const server = createServer(
      toNodeHandler(async () => {
        reachedVerifik = true;
        return new Response('{}');
      }),
    );
    try {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as AddressInfo;
      const socket = connect(port, '127.0.0.1');
      let answer = '';
      socket.on('data', (chunk) => {
        answer += chunk;
      });
      socket.on('error', () => {});
      socket.write(
        `POST /auth/verifik/phone-login HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: 40\r\n\r\n{"cou`,
      );
      // Until the request has reached the listener, an advance finds no deadline yet: advance again.
      await vi.waitFor(
        () => {
          vi.advanceTimersByTime(10_000);
          expect(answer).toMatch(/^HTTP\/1\.1 408/);
        },
        { timeout: 20_000, interval: 20 },
      );
      expect(answer).toMatch(/"code":"timeout"/);
      expect(answer.toLowerCase()).toContain('connection: close');
      expect(reachedVerifik).toBe(false);
      socket.destroy();
    } finally {
      vi.useRealTimers();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
