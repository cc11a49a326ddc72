import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createMockApp } from './app.js';
import type { MockServerOptions } from './options.js';
import type { MockState } from './state.js';

/** A listening mock server. */
export interface MockServer {
  /** Base URL without a trailing slash, e.g. `"http://127.0.0.1:4010"`. Point the client's base URL here. */
  url: string;
  /** The port actually bound (useful with `port: 0`). */
  port: number;
  /** Its in-memory codes, inbox, faults and request log, for tests that look inside. */
  state: MockState;
  /** Stops listening and closes open connections, including ones held by a delay fault. Safe to call twice. */
  close(): Promise<void>;
}

function hostForUrl(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

/**
 * Starts the mock Verifik API on `host:port` (default `127.0.0.1:4010`). Resolves once it listens;
 * rejects if the port is taken or an option is invalid.
 * @example
 * const mock = await startMockServer({ port: 0, fixedOtp: '123456' });
 * await fetch(`${mock.url}/v2/projects/phone-login`, {
 *   method: 'POST',
 *   headers: { 'Content-Type': 'application/json' },
 *   body: JSON.stringify({ countryCode: '+1', phone: 1234566663, type: 'login' }),
 * });
 * // ...confirm with otp '123456', read `${mock.url}/__dev/inbox`...
 * await mock.close();
 */
export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const { port = 4010, host = '127.0.0.1', ...appOptions } = options;
  const { app, state } = createMockApp(appOptions);

  const server = await new Promise<Server>((resolve, reject) => {
    const listening = serve(
      // Leave the process's global Request/Response alone: the mock often shares a process with the
      // client under test.
      { fetch: app.fetch, port, hostname: host, overrideGlobalObjects: false },
      () => {
        listening.off('error', reject);
        resolve(listening as Server);
      },
    );
    listening.once('error', reject);
  });

  const bound = (server.address() as AddressInfo).port;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${hostForUrl(host)}:${bound}`,
    port: bound,
    state,
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive and delayed connections would otherwise hold close() open.
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
