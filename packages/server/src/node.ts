import { BODY_READ_TIMEOUT_MS, tooSlow } from './bodies.js';
import { concatBytes } from './bytes.js';
import { Refusal, refusalResponse } from './errors.js';
import type { HandlerContext } from './options.js';

/*
 * Written here rather than taken from a library: @hono/node-server would do it but brings hono's
 * request types along, and the adapter needs only this (~60 lines). Structural types, not node:http's,
 * so the package's types need no @types/node and its code no `node:` import (Workers and Deno load it).
 */

/** The parts of node:http's `IncomingMessage` the adapter reads (Express's request fits too). */
export interface NodeRequest extends AsyncIterable<Uint8Array | string> {
  /** The method, e.g. `"POST"`. */
  method?: string | undefined;
  /** The path and query as received. */
  url?: string | undefined;
  /** Express: the path before a mount point (`app.use(path, …)`) stripped it from `url`. */
  originalUrl?: string | undefined;
  /** The headers, names lower-cased. */
  headers: Record<string, string | string[] | undefined>;
  /** The headers as received, `[name, value, name, value, …]`. */
  rawHeaders?: string[] | undefined;
  /** The connection: the peer's address, whether it is TLS, whether it is gone, and its server. */
  socket: {
    remoteAddress?: string | undefined;
    encrypted?: boolean | undefined;
    destroyed?: boolean | undefined;
    server?: unknown;
  };
}

/** The parts of node:http's `ServerResponse` the adapter writes. */
export interface NodeResponse {
  /** The status to send. */
  statusCode: number;
  /** Sets a header; an array sends it once per value (`Set-Cookie`). */
  setHeader(name: string, value: string | string[]): unknown;
  /** Writes a body chunk; `false` means wait for `drain`. */
  write(chunk: Uint8Array): boolean;
  /** Ends the response, with its last (here: only) body chunk when given. */
  end(chunk?: Uint8Array): unknown;
  /** For `drain` (backpressure) and `close` (the client went away). */
  once(event: 'drain' | 'close', listener: () => void): unknown;
  /** Whether the whole response was handed to the system. */
  readonly writableFinished?: boolean;
}

/** A node:http request listener. */
export type NodeHandler = (request: NodeRequest, response: NodeResponse) => Promise<void>;

/** The request's headers as a `Headers`, repeated names kept. */
function toHeaders(request: NodeRequest): Headers {
  const headers = new Headers();
  const raw = request.rawHeaders;
  if (raw) {
    for (let index = 0; index + 1 < raw.length; index += 2) {
      // HTTP/2 pseudo-headers (":path") are not headers to a Fetch handler.
      const name = raw[index] as string;
      if (!name.startsWith(':')) headers.append(name, raw[index + 1] as string);
    }
    return headers;
  }
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined || name.startsWith(':')) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  return headers;
}

/** The body as a stream read on demand, so a large upload is not buffered before the handler caps it. */
function toBody(request: NodeRequest): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let iterator: AsyncIterator<Uint8Array | string> | undefined;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      iterator ??= request[Symbol.asyncIterator]();
      const { done, value } = await iterator.next();
      if (done) controller.close();
      else controller.enqueue(typeof value === 'string' ? encoder.encode(value) : value);
    },
    async cancel() {
      await iterator?.return?.();
    },
  });
}

/** A declared body this small is read whole before the handler runs: cheaper than a stream. */
const bufferedBodyBytes = 64 * 1024;

/** The body, read whole (it declared a small `Content-Length`), or `undefined` when it says more. */
async function smallBody(request: NodeRequest): Promise<Uint8Array<ArrayBuffer> | undefined> {
  const declared = Number(request.headers['content-length']);
  if (!Number.isSafeInteger(declared) || declared < 0 || declared > bufferedBodyBytes) return undefined;
  const chunks: Uint8Array[] = [];
  let total = 0;
  const encoder = new TextEncoder();
  for await (const chunk of request) {
    const bytes = typeof chunk === 'string' ? encoder.encode(chunk) : chunk;
    total += bytes.byteLength;
    // Node stops at Content-Length; this only guards a request object that does not.
    if (total > bufferedBodyBytes) throw new RangeError('the body is longer than it declared');
    chunks.push(bytes);
  }
  return concatBytes(chunks, total);
}

/** Servers whose connections already have their peer address read at `'connection'`. */
const watchedServers = new WeakSet<object>();

/** Reading `remoteAddress` makes Node keep it: a connection reset later cannot take it away. */
const readPeerAddress = (socket: { remoteAddress?: string | undefined }) => void socket.remoteAddress;

/**
 * From the first request on, reads each new connection's peer address as it connects (`'connection'`,
 * and `'secureConnection'` for TLS). Inside the request listener it is too late for a client that
 * reset its connection right after sending: Node then no longer knows the address.
 */
function watchPeerAddresses(server: unknown): void {
  if (typeof server !== 'object' || server === null || watchedServers.has(server)) return;
  const events = server as { prependListener?: (event: string, listener: (socket: never) => void) => void };
  if (typeof events.prependListener !== 'function') return;
  watchedServers.add(server);
  events.prependListener('connection', readPeerAddress);
  events.prependListener('secureConnection', readPeerAddress);
}

/**
 * Resolves after the event loop has polled for I/O once more: a reset that arrived with the request
 * is seen (the request aborts) before the handler calls anyone on behalf of a client already gone.
 */
const pollOnce = () => new Promise<void>((resolve) => setImmediate(() => setImmediate(resolve)));

/** `reading`, or the 408 refusal once {@link BODY_READ_TIMEOUT_MS} has passed: a trickled body holds no request open. */
async function withinBodyDeadline<T>(reading: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(tooSlow()), BODY_READ_TIMEOUT_MS);
  });
  try {
    return await Promise.race([reading, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** Resolves on `drain`, or at once when the client has gone away. */
function waitForDrain(res: NodeResponse, gone: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (gone.aborted) return resolve();
    res.once('drain', resolve);
    gone.addEventListener('abort', () => resolve(), { once: true });
  });
}

/**
 * Adapts a Fetch handler to node:http (and Express, Connect, Fastify's raw mode): the peer's address
 * goes to the handler as `clientAddress` (read as each connection opens, so a client that resets its
 * connection is still counted; a request whose address is unknown is refused by the handler's limits);
 * a request whose client is already gone reaches no one upstream; the body is streamed both ways;
 * every `Set-Cookie` is sent. Mount it before any body parser, which would consume the body.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * createServer(toNodeHandler(auth.handler)).listen(3000);
 * ```
 */
export function toNodeHandler(
  handler: (request: Request, context?: HandlerContext) => Promise<Response>,
): NodeHandler {
  return async (req, res) => {
    // Before anything else: the address of a connection already reset may still be known here.
    const address = req.socket.remoteAddress;
    watchPeerAddresses(req.socket.server);
    const aborted = new AbortController();
    // A client already gone: the handler still counts the request, but calls no one for it.
    if (req.socket.destroyed) aborted.abort();
    res.once('close', () => {
      if (!res.writableFinished) aborted.abort();
    });
    let response: Response;
    try {
      const host = (Array.isArray(req.headers.host) ? req.headers.host[0] : req.headers.host) ?? 'localhost';
      const origin = new URL(`${req.socket.encrypted ? 'https' : 'http'}://${host}`).origin;
      // The origin is the Host header's, never the request target's: a target such as
      // `//evil.example/auth/…` or `http://evil.example/auth/…` would otherwise choose the origin that
      // the CSRF check compares `Origin` with. Only the target's path and query are kept.
      const target = req.originalUrl ?? req.url ?? '/';
      const path = target.startsWith('/') ? target : `${new URL(target).pathname}${new URL(target).search}`;
      const url = new URL(`${origin}${path}`);
      const method = (req.method ?? 'GET').toUpperCase();
      const init: RequestInit & { duplex?: 'half' } = {
        method,
        headers: toHeaders(req),
        signal: aborted.signal,
      };
      if (method !== 'GET' && method !== 'HEAD') {
        const whole = await withinBodyDeadline(smallBody(req));
        if (whole) init.body = whole;
        else {
          init.body = toBody(req);
          init.duplex = 'half';
        }
      }
      await pollOnce();
      if (req.socket.destroyed) aborted.abort();
      response = await handler(new Request(url, init), address ? { clientAddress: address } : {});
    } catch (error) {
      if (error instanceof Refusal) {
        // A body too slow: answered, and the connection closed (its unread rest is never waited for).
        response = refusalResponse(error);
        response.headers.set('connection', 'close');
      } else {
        // A request node accepted but Fetch cannot represent (a malformed Host).
        response = new Response(null, { status: 400, headers: { 'cache-control': 'no-store' } });
      }
    }
    res.statusCode = response.status;
    for (const [name, value] of response.headers) {
      if (name !== 'set-cookie') res.setHeader(name, value);
    }
    const cookies = response.headers.getSetCookie();
    if (cookies.length > 0) res.setHeader('set-cookie', cookies);
    if (response.body) {
      const reader = response.body.getReader();
      try {
        const first = await reader.read();
        const second = first.done ? first : await reader.read();
        // A body of one chunk (every answer of the handler) goes out whole with its length: one write.
        if (!first.done && second.done) {
          res.setHeader('content-length', String(first.value.byteLength));
          res.end(first.value);
          return;
        }
        for (let next = first; !next.done; next = next === first ? second : await reader.read()) {
          if (aborted.signal.aborted) break;
          // Backpressure; a client that goes away ends the wait too (no `drain` would come).
          if (!res.write(next.value)) await waitForDrain(res, aborted.signal);
        }
      } catch {
        // The handler's body failed midway: end what was sent.
      }
      await reader.cancel().catch(() => {});
    }
    res.end();
  };
}
