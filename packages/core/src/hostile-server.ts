// Test helper: a real HTTP server on 127.0.0.1 that answers however a test says, for the hostile
// answers the mock server never gives (redirects, endless bodies, gzip bombs, slow drips).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach } from 'vitest';

/** A request as the server saw it. */
export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
  /** `performance.now()` when it arrived. */
  at: number;
}

export type HostileHandler = (request: SeenRequest, response: ServerResponse) => unknown;

export interface HostileServer {
  url: string;
  /** Every request so far, oldest first. */
  seen: SeenRequest[];
  /** How the next requests are answered. */
  answer(handler: HostileHandler): void;
  close(): Promise<void>;
}

/** Starts a server on a free port of 127.0.0.1; it answers 500 until told otherwise. */
export async function startHostileServer(): Promise<HostileServer> {
  let handler: HostileHandler = (_request, response) => response.writeHead(500).end();
  const seen: SeenRequest[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const record: SeenRequest = {
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        at: performance.now(),
      };
      seen.push(record);
      Promise.resolve(handler(record, response)).catch(() => response.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    answer(next) {
      handler = next;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** One hostile server for a test file, its log emptied before each test. */
export function useHostileServer(): HostileServer {
  const proxy = { seen: [] as SeenRequest[] } as unknown as HostileServer & { current?: HostileServer };
  let current: HostileServer | undefined;
  beforeAll(async () => {
    current = await startHostileServer();
    Object.assign(proxy, { url: current.url, seen: current.seen });
  });
  beforeEach(() => {
    current?.seen.splice(0);
    current?.answer((_request, response) => response.writeHead(500).end());
  });
  afterAll(() => current?.close());
  proxy.answer = (handler) => current?.answer(handler);
  proxy.close = async () => current?.close();
  return proxy;
}

/** Answers JSON with a status and extra headers. */
export function sendJson(response: ServerResponse, status: number, body: unknown, headers = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(text);
}
