/**
 * The framework checks' reverse proxy: what an app's own nginx does in front of it. It sets the client
 * address headers from the real peer of each connection, as `proxy_set_header X-Real-IP $remote_addr`
 * (overwriting what the client sent) and `proxy_add_x_forwarded_for` (appending the peer to what the
 * client sent) do, and keeps the `Host` the browser asked for (`proxy_set_header Host $http_host`).
 * The checks reach it from several loopback addresses (127.0.0.2, 127.0.0.3…), so each is a client
 * of its own to the app behind it.
 */
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Listening {
  url: string;
  close(): Promise<void>;
}

export interface AddressProxy extends Listening {
  /** Where to forward from now on (an http origin): the app, started once the proxy's URL is known. */
  forwardTo(target: string): void;
}

/**
 * Listens on 127.0.0.1 and forwards every request, once {@link AddressProxy.forwardTo} is called, with
 * the peer's address in X-Real-IP and X-Forwarded-For.
 */
export async function startAddressProxy(): Promise<AddressProxy> {
  let upstream: URL | undefined;
  const server = createServer((request, response) => {
    if (!upstream) {
      response.writeHead(503).end();
      return;
    }
    const peer = request.socket.remoteAddress;
    const headers = { ...request.headers };
    delete headers['x-real-ip'];
    if (peer) {
      headers['x-real-ip'] = peer;
      headers['x-forwarded-for'] = headers['x-forwarded-for']
        ? `${headers['x-forwarded-for']}, ${peer}`
        : peer;
    }
    const forward = httpRequest(
      { host: upstream.hostname, port: upstream.port, path: request.url, method: request.method, headers },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.rawHeaders);
        answer.pipe(response);
      },
    );
    forward.on('error', () => {
      if (!response.headersSent) response.writeHead(502).end();
      else response.destroy();
    });
    request.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    forwardTo: (target) => {
      upstream = new URL(target);
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
