/**
 * The React demo's server mode (`?server=1`, apps/DEMO-CONTRACT.md): a Vite plugin that mounts
 * `@verifik-auth/server`'s handler on the demo's own origin, in the dev server (`pnpm demo`) and in the
 * preview server (the Chromium tests serve a build). The page then talks to `/auth/verifik` only; the
 * Verifik access token stays in the handler's sealed HttpOnly cookie.
 *
 * Where the handler forwards is the server's choice, never the page's: `VERIFIK_DEMO_API` (read when
 * the server starts), default the mock on http://127.0.0.1:4010. A page's query string choosing it
 * would let any link send the codes and the tokens to any host. The sealing secret is random per
 * server start, so a restart signs everyone out.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import type * as VerifikServer from '@verifik-auth/server';
import { type Plugin, runnerImport } from 'vite';

/** The environment variable naming the Verifik API (or mock) the handler forwards to. */
export const demoApiEnv = 'VERIFIK_DEMO_API';
/** Where the handler forwards when {@link demoApiEnv} is not set: the mock of `pnpm mock`/`pnpm demo`. */
export const defaultDemoApi = 'http://127.0.0.1:4010';

export interface ServerModeOptions {
  /** The Verifik API or mock the handler forwards to. Default `process.env[demoApiEnv]`, else {@link defaultDemoApi}. */
  verifikBaseUrl?: string;
}

const appRoot = fileURLToPath(new URL('.', import.meta.url));

/**
 * `@verifik-auth/server` from its TypeScript sources, through Vite's module runner. Vite bundles this
 * config with plain Node resolution, which would load the package's `dist` build (absent on a fresh
 * clone); the runner resolves workspace packages with the `@verifik-auth/source` condition instead,
 * as the demo's own bundle does.
 */
async function loadServerPackage(): Promise<typeof VerifikServer> {
  const { module } = await runnerImport<typeof VerifikServer>('@verifik-auth/server', {
    root: appRoot,
    logLevel: 'warn',
    environments: {
      inline: { resolve: { conditions: ['@verifik-auth/source'], noExternal: [/^@verifik-auth\//] } },
    },
  });
  return module;
}

type Middleware = (request: IncomingMessage, response: ServerResponse, next: () => void) => void;

/** The handler as connect middleware for everything under its base path; other paths go on to Vite. */
async function serverModeMiddleware(options: ServerModeOptions): Promise<Middleware> {
  const verifikBaseUrl = options.verifikBaseUrl ?? process.env[demoApiEnv] ?? defaultDemoApi;
  const { createVerifikAuth, toNodeHandler, DEFAULT_BASE_PATH } = await loadServerPackage();
  const auth = createVerifikAuth({ secret: randomBytes(32).toString('base64url'), verifikBaseUrl });
  const handle = toNodeHandler(auth.handler);
  return (request, response, next) => {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    if (path !== DEFAULT_BASE_PATH && !path.startsWith(`${DEFAULT_BASE_PATH}/`)) return next();
    void handle(request, response);
  };
}

/**
 * Mounts `@verifik-auth/server` at `/auth/verifik` in the dev and preview servers. Mounted in the hook
 * itself, so it runs after Vite's host check (no DNS rebinding) and before the page fallback.
 */
export function serverModePlugin(options: ServerModeOptions = {}): Plugin {
  return {
    name: 'verifik-auth:server-mode',
    async configureServer(server) {
      server.middlewares.use(await serverModeMiddleware(options));
    },
    async configurePreviewServer(server) {
      server.middlewares.use(await serverModeMiddleware(options));
    },
  };
}
