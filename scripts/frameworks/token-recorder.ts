/**
 * A pass-through proxy between an app's `@verifik-auth/server` handler and the installed mock that keeps
 * every JWT in the mock's answers: the access tokens the app's server got, which the checks then search
 * for in everything the page saw (as e2e/server-mode.e2e.test.ts does for the React demo).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Listening } from './address-proxy.js';

/** A JWT: what the mock issues as an access token. */
export const jwtPattern = /eyJ[\w-]*\.eyJ[\w-]*\.[\w-]+/g;

const hopByHop = new Set(['host', 'connection', 'keep-alive', 'transfer-encoding', 'content-length']);

export async function startTokenRecorder(target: string): Promise<Listening & { tokens: string[] }> {
  const tokens: string[] = [];
  const server = createServer(async (request, response) => {
    try {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      const headers = new Headers();
      for (const [name, value] of Object.entries(request.headers)) {
        // fetch sets these itself (Next.js's fetch sends its bodies chunked, which fetch refuses to copy).
        if (!hopByHop.has(name) && typeof value === 'string') headers.set(name, value);
      }
      const answer = await fetch(`${target}${request.url}`, {
        method: request.method,
        headers,
        body: chunks.length > 0 ? Buffer.concat(chunks) : undefined,
        redirect: 'manual',
      });
      const body = await answer.text();
      tokens.push(...(body.match(jwtPattern) ?? []));
      response.writeHead(answer.status, {
        'content-type': answer.headers.get('content-type') ?? 'text/plain',
      });
      response.end(body);
    } catch {
      if (!response.headersSent) response.writeHead(502);
      response.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    tokens,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
