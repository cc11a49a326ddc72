import type { MiddlewareHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { matchApiRoute } from './api-routes.js';
import type { MockEnv, MockState } from './state.js';

/** Waits `ms`, or less if `signal` aborts first. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done);
  });
}

/** A body that fails while being read: the closest `app.request()` gets to a dropped connection. */
function failingBody(): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      controller.error(new Error('connection dropped (injected fault)'));
    },
  });
}

/**
 * Wraps every request to a Verifik endpoint: records it in the request log (including whether the
 * client hung up before the answer) and applies the next injected fault for its route. Runs after
 * CORS, so preflights neither count nor use up faults.
 */
export function apiTraffic(state: MockState): MiddlewareHandler<MockEnv> {
  return async (c, next) => {
    const route = matchApiRoute(c.req.method, c.req.path);
    if (!route) return next();

    const record = state.requests.start(route, c.req.method, state.options.now());
    const { signal } = c.req.raw;
    let answered = false;
    signal.addEventListener('abort', () => {
      if (!answered) record.aborted = true;
    });

    const fault = state.faults.take(route);
    if (fault) record.fault = fault.kind;
    if (fault && fault.delayMs > 0) {
      await pause(fault.delayMs, signal);
      // Nobody is listening any more; this answer is never written.
      if (signal.aborted) return c.body(null, 499 as ContentfulStatusCode);
    }

    if (fault?.kind === 'drop') {
      answered = true;
      const socket = c.env?.incoming?.socket;
      if (socket) {
        socket.destroy();
        return c.body(null, 500);
      }
      return new Response(failingBody());
    }
    if (fault?.kind === 'malformed') {
      answered = true;
      record.status = fault.status;
      return c.body(String(fault.body), fault.status as ContentfulStatusCode, {
        ...fault.headers,
        'Content-Type': 'text/html; charset=utf-8',
      });
    }
    if (fault?.kind === 'status') {
      answered = true;
      record.status = fault.status;
      return c.json(fault.body, fault.status as ContentfulStatusCode, fault.headers);
    }

    // The route answers as usual and marks the code as never sent.
    if (fault?.kind === 'sendFailed') c.set('sendFails', true);
    await next();
    answered = true;
    if (fault) for (const [name, value] of Object.entries(fault.headers)) c.res.headers.set(name, value);
    if (!record.aborted) record.status = c.res.status;
  };
}
