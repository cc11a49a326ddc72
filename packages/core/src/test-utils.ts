// Shared by the core's tests: a real mock server, a machine bound to it, one simulated clock for both.
import {
  createMockDevClient,
  type FaultSpec,
  type InboxMessage,
  type MockServer,
  type MockServerOptions,
  type RequestRecord,
  startMockServer,
  verifikRoutes,
} from '@verifik-auth/mock-server';
import { afterAll, beforeAll, beforeEach } from 'vitest';

export type { FaultSpec };
export { verifikRoutes as routes };

import { type Actor, createActor, SimulatedClock, waitFor } from 'xstate';
import { createVerifikClient } from './client.js';
import type { AuthenticatorRequired, Session } from './client.types.js';
import type { LoginStep } from './connect.js';
import { isLoginError, type LoginError } from './errors.js';
import { createLoginMachine, type LoginMachine } from './login.machine.js';
import type { LoginContext, LoginMachineOptions } from './login.types.js';
import { memoryStorage } from './storage.js';

export const fixedOtp = '123456';
export const wrongOtp = '654321';
export const phone = { countryCode: '+1', phone: '1234566663' } as const;

export interface Harness {
  url: string;
  clock: SimulatedClock;
  machine: LoginMachine;
  actor: Actor<LoginMachine>;
  storage: NonNullable<LoginMachineOptions['storage']>;
  /** Moves the shared clock forward, firing due machine timers. */
  advance(ms: number): void;
  fault(spec: FaultSpec): Promise<void>;
  requests(route?: string): Promise<RequestRecord[]>;
  inbox(): Promise<InboxMessage[]>;
  /** Waits for a top-level state, optionally with a context condition. */
  until(state: LoginStep, condition?: (context: LoginContext) => boolean): Promise<void>;
  /** Starts another actor on the same machine, e.g. from a persisted snapshot. */
  spawn(options?: Parameters<typeof createActor<LoginMachine>>[1]): Actor<LoginMachine>;
  close(): Promise<void>;
}

/** Starts a mock server and a started actor in `idle` (or wherever restoring leads). */
export async function startHarness(
  options: { mock?: MockServerOptions; machine?: LoginMachineOptions; clientTimeoutMs?: number } = {},
): Promise<Harness> {
  const clock = new SimulatedClock();
  clock.set(Date.now());
  const now = () => clock.now();
  const server = await startMockServer({ port: 0, fixedOtp, now, ...options.mock });
  const storage = options.machine?.storage ?? memoryStorage();
  const client =
    options.clientTimeoutMs === undefined
      ? undefined
      : createVerifikClient({ baseUrl: server.url, now, timeout: options.clientTimeoutMs });
  const machine = createLoginMachine({ baseUrl: server.url, now, storage, client, ...options.machine });
  const actors: Array<Actor<LoginMachine>> = [];
  const spawn = (actorOptions?: Parameters<typeof createActor<LoginMachine>>[1]) => {
    const actor = createActor(machine, { clock, ...actorOptions }).start();
    actors.push(actor);
    return actor;
  };
  const actor = spawn();
  await waitFor(actor, (snapshot) => !snapshot.matches('restoring'), { timeout: 2000 });
  const dev = createMockDevClient(server.url);
  return {
    url: server.url,
    clock,
    machine,
    actor,
    storage,
    advance: (ms) => clock.increment(ms),
    fault: async (spec) => {
      await dev.fault(spec);
    },
    requests: async (route) => {
      const requests = await dev.requests();
      return route ? requests.filter((record) => record.route === route) : requests;
    },
    inbox: dev.inbox,
    until: async (state, condition = () => true) => {
      await waitFor(actor, (snapshot) => snapshot.matches(state) && condition(snapshot.context), {
        timeout: 3000,
      });
    },
    spawn,
    close: async () => {
      for (const started of actors) started.stop();
      await server.close();
    },
  };
}

/** Resolves after pending promise callbacks and I/O of this turn have run. */
export const flush = () => new Promise((resolve) => setTimeout(resolve, 20));

/**
 * One mock server per test file for the client's own tests (no machine): started before the file,
 * reset before each test, closed after. It knows a plain phone, a phone whose account has its
 * authenticator app set up, and one email.
 */
export function useClientMockServer(options: { now?: () => number } = {}) {
  let server: MockServer | undefined;
  const url = () => {
    if (!server) throw new Error('the mock server is not started yet: use it inside a test or hook');
    return server.url;
  };
  const dev = () => createMockDevClient(url());
  beforeAll(async () => {
    server = await startMockServer({
      port: 0,
      fixedOtp,
      ...options,
      clients: {
        phones: ['+1 1234566663', { countryCode: '+57', phone: 3001234567, authenticator: 'set-up' }],
        emails: ['user@example.com'],
      },
    });
  });
  afterAll(() => server?.close());
  beforeEach(() => dev().reset());
  return {
    get url() {
      return url();
    },
    inject: (fault: FaultSpec) => dev().fault(fault),
    requests: () => dev().requests(),
    inbox: () => dev().inbox(),
    reset: () => dev().reset(),
  };
}

/** The Web Storage interface over a Map: one per "origin", shared by the "tabs" of a test. */
export class MapStorage implements Storage {
  readonly #values = new Map<string, string>();
  get length() {
    return this.#values.size;
  }
  clear() {
    this.#values.clear();
  }
  getItem(key: string) {
    return this.#values.get(key) ?? null;
  }
  key(index: number) {
    return [...this.#values.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.#values.delete(key);
  }
  setItem(key: string, value: string) {
    this.#values.set(key, value);
  }
}

/** What a call rejects with (fails the test if it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

/** The `LoginError` a call rejects with (fails the test if it resolves or throws something else). */
export async function loginError(promise: Promise<unknown>): Promise<LoginError> {
  const error = await rejection(promise);
  if (isLoginError(error)) return error;
  throw error;
}

/** The session a confirm resolved with; fails the test when it asked for the authenticator instead. */
export async function signedIn(answer: Promise<Session | AuthenticatorRequired>): Promise<Session> {
  const result = await answer;
  if ('authenticatorRequired' in result) throw new Error('expected a session, got the authenticator step');
  return result;
}

/** Logs the harness's actor in by phone with the mock's fixed code. */
export async function logIn(h: Harness): Promise<void> {
  h.actor.send({ type: 'login.phone', ...phone });
  await h.until('awaitingOtp');
  h.actor.send({ type: 'otp.submit', otp: fixedOtp });
  await h.until('authenticated');
}
