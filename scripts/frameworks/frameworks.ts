/**
 * The framework fixtures of `frameworks/`: how each is built and started for production, and how the
 * checks reach it: through the test's proxy (address-proxy.ts), whose address header the app trusts,
 * or directly, the app reading the socket's peer itself.
 */
import { join } from 'node:path';
import type { FixtureSet } from '../consumer/prepare.js';
import { root } from '../consumer/prepare.js';

export const frameworkNames = ['next'] as const;
export type FrameworkName = (typeof frameworkNames)[number];

export const frameworkFixtures: FixtureSet<FrameworkName> = {
  folder: join(root, 'frameworks'),
  names: frameworkNames,
  updateCommand: 'npx -y pnpm@12.21.0 run check:frameworks --update-lockfiles',
  refuseEngineWarnings: true,
};

export interface Framework {
  /** The environment of its build and of the built app, besides the checks' own. */
  env: Record<string, string>;
  /** The production build: step name, command, arguments. */
  build: [step: string, command: string, args: string[]];
  /** Starts the built app on 127.0.0.1 (any free port); `ready` matches the line with its URL. */
  start: { step: string; command: string; args: string[]; ready: RegExp };
  /**
   * How the app learns the client's address: `proxy` when it trusts a header of the test's proxy (the
   * page and the limit checks go through the proxy), `socket` when it reads the peer itself.
   */
  address: 'proxy' | 'socket';
  /** How the checks make a send with no client address, in words (the step's note). */
  noAddress: string;
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
    address: 'proxy',
    noAddress: 'straight to next start, not through the proxy, so no X-Real-IP',
  },
};
