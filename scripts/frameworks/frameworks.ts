/**
 * The framework fixtures of `frameworks/`: how each is built and started for production, and how the
 * checks reach it: through the test's proxy (address-proxy.ts), whose address header the app trusts,
 * or directly, the app reading the socket's peer itself.
 */
import { join } from 'node:path';
import type { FixtureSet } from '../consumer/prepare.js';
import { root } from '../consumer/prepare.js';

export const frameworkNames = ['next', 'sveltekit', 'nuxt'] as const;
export type FrameworkName = (typeof frameworkNames)[number];

export const frameworkFixtures: FixtureSet<FrameworkName> = {
  folder: join(root, 'frameworks'),
  names: frameworkNames,
  updateCommand: 'npx -y pnpm@12.21.0 run check:frameworks --update-lockfiles',
  refuseEngineWarnings: true,
};

/** A command run in the fixture: step name, command, arguments. */
export type Command = [step: string, command: string, args: string[]];

export interface Framework {
  /** The environment of its commands and of the built app, besides the checks' own. */
  env: Record<string, string>;
  /** A type-check the build does not make, run before it (one at a time with the builds). */
  typeCheck?: Command;
  /** The production build. */
  build: Command;
  /** Starts the built app on 127.0.0.1; `ready` matches the line with its URL. */
  start: {
    step: string;
    command: string;
    args: string[];
    ready: RegExp;
    /** The running app's environment besides `env`. */
    env?: Record<string, string>;
    /** The variable given a free port, for an app that cannot listen on port 0 and print the one it got. */
    portEnv?: string;
  };
  /**
   * How the app learns the client's address. `proxy`: from a header of the test's proxy, which the page
   * and the limit checks go through; the app is told the proxy's origin (its public one) in `originEnv`.
   * `socket`: the app reads the socket's peer itself, and is reached directly.
   */
  address: { via: 'proxy'; originEnv: string } | { via: 'socket' };
  /**
   * How the checks send with no client address: `direct`, to the app itself, past the proxy (so without
   * the header it trusts); `unixSocket`, to a second instance listening on a Unix socket (no peer
   * address at all), whose path goes in the variable named.
   */
  noAddress: { how: string } & ({ via: 'direct' } | { via: 'unixSocket'; pathEnv: string });
}

export const frameworks: Record<FrameworkName, Framework> = {
  next: {
    // No telemetry (no network but the registry here).
    env: { NEXT_TELEMETRY_DISABLED: '1' },
    build: ['next build', 'next', ['build']],
    start: {
      step: 'next start',
      command: 'next',
      args: ['start', '--hostname', '127.0.0.1', '--port', '0'],
      ready: /Local:/,
    },
    address: { via: 'proxy', originEnv: 'APP_ORIGIN' },
    noAddress: { via: 'direct', how: 'straight to next start, not through the proxy: no X-Real-IP' },
  },
  sveltekit: {
    env: {},
    typeCheck: [
      'svelte-check --fail-on-warnings',
      'svelte-check',
      ['--tsconfig', './tsconfig.json', '--fail-on-warnings'],
    ],
    build: ['vite build (adapter-node)', 'vite', ['build', '--logLevel', 'warn']],
    start: {
      step: 'node build',
      command: 'node',
      args: ['build'],
      ready: /Listening on/,
      // adapter-node's settings behind one proxy of ours: the address is the last X-Forwarded-For entry.
      env: { HOST: '127.0.0.1', ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: '1' },
      portEnv: 'PORT',
    },
    address: { via: 'proxy', originEnv: 'ORIGIN' },
    noAddress: {
      via: 'direct',
      how: 'straight to node build, not through the proxy: no X-Forwarded-For (ADDRESS_HEADER)',
    },
  },
  nuxt: {
    // No telemetry (no network but the registry here).
    env: { NUXT_TELEMETRY_DISABLED: '1' },
    build: ['nuxt build', 'nuxt', ['build']],
    start: {
      step: 'node .output/server/index.mjs',
      command: 'node',
      args: ['.output/server/index.mjs'],
      ready: /Listening on/,
      env: { HOST: '127.0.0.1' },
      portEnv: 'PORT',
    },
    address: { via: 'socket' },
    noAddress: {
      via: 'unixSocket',
      pathEnv: 'NITRO_UNIX_SOCKET',
      how: 'to a second instance listening on a Unix socket (NITRO_UNIX_SOCKET): no peer address',
    },
  },
};
