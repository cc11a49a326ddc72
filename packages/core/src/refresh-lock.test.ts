import { describe, expect, it } from 'vitest';
import { defaultRefreshLock, navigatorLock, processLock } from './refresh-lock.js';

/** A promise and the function that settles it. */
function gate() {
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

describe('processLock', () => {
  it('runs the tasks of one name one at a time, in order', async () => {
    const lock = processLock();
    const log: string[] = [];
    const first = gate();
    const a = lock('n', async () => {
      log.push('a starts');
      await first.opened;
      log.push('a ends');
      return 'a';
    });
    const b = lock('n', async () => {
      log.push('b runs');
      return 'b';
    });
    const other = lock('other', async () => {
      log.push('other name runs');
      return 'c';
    });
    await other;
    expect(log).toEqual(['a starts', 'other name runs']);
    first.open();
    expect(await Promise.all([a, b])).toEqual(['a', 'b']);
    expect(log).toEqual(['a starts', 'other name runs', 'a ends', 'b runs']);
  });

  it('a waiter whose signal aborts stops waiting and never runs', async () => {
    const lock = processLock();
    const first = gate();
    const held = lock('n', () => first.opened);
    const controller = new AbortController();
    let ran = false;
    const waiting = lock(
      'n',
      async () => {
        ran = true;
      },
      controller.signal,
    );
    controller.abort(new Error('left the state'));
    await expect(waiting).rejects.toThrow('left the state');
    first.open();
    await held;
    await lock('n', async () => undefined);
    expect(ran).toBe(false);
  });

  it('a task that fails releases the lock', async () => {
    const lock = processLock();
    await expect(lock('n', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(lock('n', async () => 'next')).resolves.toBe('next');
  });
});

describe('defaultRefreshLock', () => {
  it('falls back to one process lock where navigator.locks is missing (Node 20)', () => {
    expect(navigatorLock()).toBeUndefined();
    expect(defaultRefreshLock()).toBe(defaultRefreshLock());
  });
});
