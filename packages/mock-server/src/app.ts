import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { HTTPException } from 'hono/http-exception';
import { methodNotAllowed } from 'hono/method-not-allowed';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { apiTraffic } from './api-traffic.js';
import {
  internalError,
  methodNotAllowed as methodNotAllowedError,
  payloadTooLarge,
  RestError,
} from './errors.js';
import type { MockAppOptions } from './options.js';
import { devPostsJsonOnly, originAllowed, originGuard } from './origin-guard.js';
import { materializeStreamedBody } from './request-body.js';
import { devRoutes } from './routes/dev.js';
import { emailRoutes } from './routes/email.js';
import { homeRoutes } from './routes/home.js';
import { phoneRoutes } from './routes/phone.js';
import { sessionRoutes } from './routes/session.js';
import { createMockState, type MockEnv, type MockState } from './state.js';
import { logError } from './terminal-text.js';

/** The largest request body accepted, in bytes. */
export const maxBodyBytes = 16 * 1024;

/** A mock as a Hono app, not yet listening, with the state behind it. */
export interface MockApp {
  /** Serve it with any Hono adapter, or call `app.request()` directly. */
  app: Hono<MockEnv>;
  /** Its in-memory codes, inbox, faults and request log. */
  state: MockState;
}

/**
 * Builds the mock as a Hono app without listening: for embedding it in another server, or for
 * `app.request()` in tests. {@link startMockServer} is the usual entry point.
 * Throws on invalid options.
 */
export function createMockApp(options?: MockAppOptions): MockApp {
  const state = createMockState(options);
  const app = new Hono<MockEnv>();
  const reply = (error: RestError) =>
    Response.json(error.toBody(state.options.now()), { status: error.status as ContentfulStatusCode });

  // This machine only: loopback Host names and page origins (plus allowedHosts and allowedOrigins on
  // the Verifik routes). See origin-guard.ts for why.
  app.use(originGuard(state.options));
  app.use(
    cors({
      // The guard has refused every other origin already; this only echoes an allowed one back.
      origin: (origin, c) => (originAllowed(origin, c.req.path, state.options) ? origin : null),
      allowMethods: ['GET', 'POST', 'OPTIONS'],
      allowHeaders: ['Content-Type', 'Authorization'],
      // So that scripts can read Retry-After on injected 429s.
      exposeHeaders: ['Retry-After'],
    }),
  );
  app.use(devPostsJsonOnly);
  app.use(apiTraffic(state));
  app.use(materializeStreamedBody);
  app.use(bodyLimit({ maxSize: maxBodyBytes, onError: () => reply(payloadTooLarge(maxBodyBytes)) }));
  app.use(
    methodNotAllowed({
      app,
      onMethodNotAllowed: (c, methods) => {
        const response = reply(methodNotAllowedError(c.req.method));
        response.headers.set('Allow', methods.join(', '));
        return response;
      },
    }),
  );

  app.route('/v2/projects', phoneRoutes(state));
  app.route('/v2/projects', emailRoutes(state));
  app.route('/v2/auth', sessionRoutes(state));
  app.route('/', devRoutes(state));
  app.route('/', homeRoutes());

  // Verifik answers an unknown route in plain text, not in its JSON error shape (verifik-api.md §7).
  app.notFound((c) => c.text('Not Found', 404));
  app.onError((error) => {
    if (error instanceof RestError) return reply(error);
    if (error instanceof HTTPException) return reply(new RestError(error.status, 'HTTPError', error.message));
    // Only a bug in the mock gets here: say so on the console, answer JSON anyway.
    logError('unexpected error', error);
    return reply(internalError());
  });

  return { app, state };
}
