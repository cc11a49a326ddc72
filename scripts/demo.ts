/**
 * `pnpm demo`: the mock Verifik, the React, Vue, Svelte, Solid and Angular demos, wired together, plus the React demo
 * in server mode (its dev server's `@verifik-auth/server` handler keeps the token in an HttpOnly
 * cookie and forwards to the mock), and a second mock where only the accounts with an authenticator
 * (apps/demo-accounts.ts) are registered, with every demo's page pointed at it. Prints where each one
 * is, where the codes arrive and the authenticator code; Ctrl-C stops everything.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createServer, type ViteDevServer } from 'vite';
import { demoAuthenticatorAccounts } from '../apps/demo-accounts.js';
import { demoApiEnv } from '../apps/react/server-mode-plugin.js';
// By path: the repo root does not depend on the workspace packages.
import {
  createMockDevClient,
  type InboxMessage,
  type MockServer,
  type MockServerOptions,
  startMockServer,
} from '../packages/mock-server/src/index.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const mockPorts = { first: 4010, tries: 20 };
/** Each demo server, and the pages it serves: `query` is added to the mock's `?api=`. */
const demos = [
  {
    name: 'React',
    config: 'apps/react/vite.config.ts',
    port: 5173,
    pages: [
      { label: 'React demo', query: '' },
      { label: 'React, token kept on the server', query: '&server=1' },
    ],
  },
  { name: 'Vue', config: 'apps/vue/vite.config.ts', port: 5174, pages: [{ label: 'Vue demo', query: '' }] },
  {
    name: 'Svelte',
    config: 'apps/svelte/vite.config.ts',
    port: 5175,
    pages: [{ label: 'Svelte demo', query: '' }],
  },
  {
    name: 'Solid',
    config: 'apps/solid/vite.config.ts',
    port: 5176,
    pages: [{ label: 'Solid demo', query: '' }],
  },
  {
    name: 'Angular',
    config: 'apps/angular/vite.config.ts',
    port: 5177,
    pages: [{ label: 'Angular demo', query: '' }],
  },
];
const labelWidth = 33;

const running: Array<{ close(): Promise<void> }> = [];

function codeLine(message: InboxMessage): string {
  const to = message.method === 'phone' ? `${message.countryCode} ${message.phone}` : message.email;
  return `[code] ${to} via ${message.gateway ?? 'email'}: ${message.otp}`;
}

/** A mock on `first` (4010), or the next free port. */
async function startMock(options: MockServerOptions = {}, first = mockPorts.first): Promise<MockServer> {
  for (let port = first; port < first + mockPorts.tries; port++) {
    try {
      return await startMockServer({
        ...options,
        port,
        onMessage: (message) => console.log(codeLine(message)),
      });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    }
  }
  throw new Error(`ports ${first}-${first + mockPorts.tries - 1} are all taken`);
}

async function startDemo(config: string, port: number): Promise<ViteDevServer> {
  const server = await createServer({
    configFile: `${root}${config}`,
    server: { port, strictPort: false },
    logLevel: 'warn',
    clearScreen: false,
  });
  running.push(server);
  await server.listen();
  return server;
}

/** The demo's authenticator accounts, and the code their app would show (the mock's fixed one). */
async function authenticatorLines(mockUrl: string): Promise<Array<[string, string]>> {
  const authenticators = await createMockDevClient(mockUrl).authenticators();
  const accounts = authenticators.map(({ account, state }) => `${account.replace(/^\w+:/, '')} (${state})`);
  return [
    ['Accounts', accounts.join(', ')],
    ['Authenticator code', `${authenticators[0]?.code ?? '?'} (and ${mockUrl}/__dev/authenticators)`],
  ];
}

let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) process.exit(1); // A second Ctrl-C: stop waiting.
  stopping = true;
  console.log(`\n${signal}: stopping the demo…`);
  await Promise.allSettled(running.map((server) => server.close()));
  process.exit(0);
}

async function main(): Promise<void> {
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));

  const mock = await startMock();
  running.push(mock);
  // Listing accounts makes a mock refuse every other one: the authenticator accounts get their own.
  const authenticatorMock = await startMock({ clients: demoAuthenticatorAccounts }, mock.port + 1);
  running.push(authenticatorMock);
  // The server-mode handler forwards to this mock: set on the server side, never from the page.
  process.env[demoApiEnv] = mock.url;
  // Left unencoded so it reads well in a terminal; `:` and `/` are valid in a query string.
  const query = `?api=${mock.url}`;
  const line = (label: string, text: string) => `  ${label.padEnd(labelWidth)} ${text}`;
  const lines = [line('Mock Verifik API', mock.url)];
  const authenticatorPages: string[] = [];
  for (const demo of demos) {
    if (!existsSync(`${root}${demo.config}`)) {
      lines.push(line(`${demo.name} demo`, `(skipped: ${demo.config} does not exist yet)`));
      continue;
    }
    const server = await startDemo(demo.config, demo.port);
    const url = server.resolvedUrls?.local[0] ?? `http://127.0.0.1:${demo.port}/`;
    for (const page of demo.pages) lines.push(line(page.label, `${url}${query}${page.query}`));
    authenticatorPages.push(line(`${demo.name} demo`, `${url}?api=${authenticatorMock.url}`));
  }
  lines.push(line('Codes', `${mock.url}/__dev/ (the inbox), and printed below as they are sent`));
  lines.push('', '  With an authenticator app (a mock of their own, only these accounts):', '');
  lines.push(line('Mock Verifik API', authenticatorMock.url), ...authenticatorPages);
  lines.push(...(await authenticatorLines(authenticatorMock.url)).map(([label, text]) => line(label, text)));
  console.log(
    ['', 'verifik-auth demo is running:', '', ...lines, '', 'Press Ctrl-C to stop.', ''].join('\n'),
  );
}

main().catch(async (error: unknown) => {
  console.error('The demo could not start:', error instanceof Error ? error.message : error);
  await Promise.allSettled(running.map((server) => server.close()));
  process.exit(1);
});
