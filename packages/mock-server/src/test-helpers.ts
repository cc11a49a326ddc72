/** Test helpers shared by the `*.test.ts` files; excluded from the build and the package. */
import { request as httpRequest } from 'node:http';
import { onTestFinished } from 'vitest';
import type { MockServerOptions } from './options.js';
import { type MockServer, startMockServer } from './server.js';
import type { InboxMessage } from './store.js';

/** A movable clock for the mock's `now` option. */
export interface TestClock {
  now: () => number;
  advance(ms: number): void;
}

/** A clock frozen at `start` (default 2024-05-29T03:41:27Z) until advanced. */
export function testClock(start = Date.parse('2024-05-29T03:41:27.009Z')): TestClock {
  let time = start;
  return {
    now: () => time,
    advance: (ms) => {
      time += ms;
    },
  };
}

/** An answer, with the body parsed as JSON when it is JSON. */
export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests read into answers freely.
  body: any;
}

/** A mock on a free port of 127.0.0.1, closed when the test ends, with request helpers. */
export interface TestMock {
  mock: MockServer;
  url: string;
  request(
    method: string,
    path: string,
    init?: { body?: unknown; headers?: Record<string, string> },
  ): Promise<Answer>;
  post(path: string, body?: unknown, headers?: Record<string, string>): Promise<Answer>;
  get(path: string, headers?: Record<string, string>): Promise<Answer>;
  inbox(): Promise<InboxMessage[]>;
  /** The newest code sent. */
  lastCode(): Promise<string>;
}

/** Starts a mock for one test; `body` strings are sent as they are, anything else as JSON. */
export async function startTestMock(options: MockServerOptions = {}): Promise<TestMock> {
  const mock = await startMockServer({ port: 0, ...options });
  onTestFinished(() => mock.close());
  const request: TestMock['request'] = async (method, path, init = {}) => {
    const body =
      init.body === undefined || typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
    const response = await fetch(`${mock.url}${path}`, {
      method,
      headers: {
        ...(typeof init.body === 'object' ? { 'Content-Type': 'application/json' } : {}),
        ...init.headers,
      },
      body: body as string | undefined,
    });
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    return { status: response.status, headers: response.headers, text, body: parsed };
  };
  const inbox = async () => (await request('GET', '/__dev/inbox')).body.messages as InboxMessage[];
  return {
    mock,
    url: mock.url,
    request,
    post: (path, body, headers) => request('POST', path, { body, headers: headers ?? {} }),
    get: (path, headers) => request('GET', path, { headers: headers ?? {} }),
    inbox,
    lastCode: async () => {
      const message = (await inbox()).at(-1);
      if (!message) throw new Error('the inbox is empty');
      return message.otp;
    },
  };
}

/** Polls `check` until it returns true (or throws after `timeoutMs`). */
export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('waitFor: timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export const phoneLogin = { countryCode: '+1', phone: 1234566663, type: 'login' } as const;

/**
 * One request over node:http, for headers `fetch` will not send as given (it always writes its own
 * `Host`, the header a DNS-rebinding page controls).
 */
export function rawRequest(
  url: string,
  init: { method?: string; path: string; headers?: Record<string, string>; body?: string },
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; text: string }> {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(url);
    const outgoing = httpRequest(
      { hostname, port, method: init.method ?? 'GET', path: init.path, headers: init.headers ?? {} },
      (incoming) => {
        let text = '';
        incoming.setEncoding('utf8');
        incoming.on('data', (chunk: string) => {
          text += chunk;
        });
        incoming.on('end', () =>
          resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, text }),
        );
        incoming.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(init.body);
  });
}
