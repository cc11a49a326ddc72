import { untilAborted } from './transport.js';

/**
 * Runs `task` while holding the lock called `name`: one holder per name at a time, the others wait
 * their turn. `signal` gives up the wait (the returned promise rejects with its reason and `task`
 * never runs). This is the shape of supabase-js's `LockFunc` (its `navigatorLock` and `processLock`),
 * with an AbortSignal in place of its acquire timeout.
 * @example
 * const lock: RefreshLock = (name, task) => myCrossProcessMutex.runExclusive(name, task);
 * createLoginMachine({ autoRefresh: { lock } });
 */
export type RefreshLock = <R>(name: string, task: () => Promise<R>, signal?: AbortSignal) => Promise<R>;

/** The part of the Web Locks API (`navigator.locks`) used here; declared so public types need no DOM lib. */
interface WebLockManager {
  request(
    name: string,
    options: { mode?: 'exclusive'; signal?: AbortSignal },
    callback: () => Promise<unknown>,
  ): Promise<unknown>;
}

const webLocks = (): WebLockManager | undefined =>
  (globalThis as { navigator?: { locks?: WebLockManager } }).navigator?.locks;

/**
 * A lock over the Web Locks API: exclusive across every tab and worker of the origin, and released by
 * the browser if the holding tab dies. `undefined` where the API is missing (Node 20, old browsers).
 * @example
 * createLoginMachine({ storage: webStorage(localStorage), autoRefresh: { lock: navigatorLock() } });
 */
export function navigatorLock(): RefreshLock | undefined {
  const locks = webLocks();
  if (!locks) return undefined;
  return <R>(name: string, task: () => Promise<R>, signal?: AbortSignal) =>
    locks.request(name, { mode: 'exclusive', ...(signal ? { signal } : {}) }, task) as Promise<R>;
}

/**
 * A lock within this JavaScript realm only: every machine of one process (or one page) takes turns.
 * For Node, tests, and browsers without the Web Locks API, where tabs cannot be coordinated anyway.
 * @example
 * const lock = processLock();
 * const tabA = createLoginMachine({ autoRefresh: { lock } });
 * const tabB = createLoginMachine({ autoRefresh: { lock } });
 */
export function processLock(): RefreshLock {
  const tails = new Map<string, Promise<unknown>>();
  return <R>(name: string, task: () => Promise<R>, signal?: AbortSignal): Promise<R> => {
    const previous = tails.get(name) ?? Promise.resolve();
    const turn = previous.then(() => {
      signal?.throwIfAborted();
      return task();
    });
    const tail = turn.catch(() => undefined);
    tails.set(name, tail);
    void tail.then(() => {
      if (tails.get(name) === tail) tails.delete(name);
    });
    // Stop waiting at once on abort; the queue still waits for the holder before the next turn.
    return untilAborted(turn, signal);
  };
}

/** One process lock for every machine that was given none, so they coordinate with each other. */
const sharedProcessLock = processLock();

/** `navigator.locks` where it exists (every tab of the origin), else one lock shared by this realm. */
export function defaultRefreshLock(): RefreshLock {
  return navigatorLock() ?? sharedProcessLock;
}
