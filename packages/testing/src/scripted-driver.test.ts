import { describe, expect, it } from 'vitest';
import { getLoginPaths } from './catalogue.js';
import type { LoginPath } from './path.types.js';
import { PathError, pathRequirements, runPath } from './run-path.js';
import { createCoreDriver, createScriptedDriver, type UiBinding } from './scripted-driver.js';

const sample = getLoginPaths().find(
  (path) => path.steps.length >= 4 && path.steps.some((s) => s.action.type === 'advance'),
);

function tampered(change: (path: LoginPath) => void): LoginPath {
  if (!sample) throw new Error('no sample path');
  const copy = structuredClone(sample);
  change(copy);
  return copy;
}

describe('runPath', () => {
  it('names the path, the step and the difference when a state is not the expected one', async () => {
    const path = tampered((p) => {
      const step = p.steps[2];
      if (step) step.expect.attempts = 7;
    });
    const failure = await runPath(path, createCoreDriver()).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(PathError);
    expect((failure as PathError).stepIndex).toBe(2);
    expect((failure as Error).message).toContain(`${path.id} failed at step 3`);
    expect((failure as Error).message).toContain('attempts: expected 7, got 0');
  });

  it('fails a step that takes other transitions than the model says', async () => {
    const path = tampered((p) => {
      const step = p.steps.find((s) => s.action.type === 'advance');
      if (step) step.transitions = [];
    });
    await expect(runPath(path, createCoreDriver())).rejects.toThrow(/unexpected transitions/);
  });

  it('fails a settle when the call it ends is not pending', async () => {
    const path = tampered((p) => {
      const index = p.steps.findIndex((s) => s.action.type === 'settle');
      p.steps.splice(index, 0, structuredClone(p.steps[index] as LoginPath['steps'][number]));
    });
    await expect(runPath(path, createCoreDriver())).rejects.toThrow(/no \w+ call is pending/);
  });

  it('stops the driver even when a step fails', async () => {
    const calls: string[] = [];
    const ui: UiBinding = {
      mount: () => void calls.push('mount'),
      unmount: () => void calls.push('unmount'),
      observe: () => ({ step: 'idle' }),
    };
    await expect(
      runPath(
        tampered(() => undefined),
        createScriptedDriver({ ui }),
      ),
    ).rejects.toThrow(/step: expected "restoring", got "idle"/);
    expect(calls).toEqual(['mount', 'unmount']);
  });
});

describe('the side effects of each step', () => {
  const sending = getLoginPaths().find((p) => p.steps.some((s) => s.effects.requests.length > 0));
  const signingIn = getLoginPaths().find((p) =>
    p.steps.some((s) => s.effects.storageWrites.includes('save')),
  );

  it('fails a step whose request differs from the one the catalogue records', async () => {
    if (!sending) throw new Error('no path sends a request');
    const path = structuredClone(sending);
    const step = path.steps.find((s) => s.effects.requests.length > 0);
    const request = step?.effects.requests[0];
    if (!request?.body) throw new Error('no request body');
    request.body.countryCode = '+57';
    await expect(runPath(path, createCoreDriver())).rejects.toThrow(/unexpected effects: requests: expected/);
  });

  it('fails a step that writes storage the catalogue says it must not', async () => {
    if (!signingIn) throw new Error('no path stores a session');
    const path = structuredClone(signingIn);
    const step = path.steps.find((s) => s.effects.storageWrites.includes('save'));
    if (step) step.effects.storageWrites = [];
    await expect(runPath(path, createCoreDriver())).rejects.toThrow(
      /storage writes: expected \[\], got \["save"\]/,
    );
  });

  it('records the real client request: the phone typed with separators goes out as digits', async () => {
    const path = getLoginPaths({ strategy: 'journey' }).find((p) =>
      p.steps.some((s) => s.case === 'input.phone.spaced'),
    );
    const step = path?.steps.find((s) => s.case === 'input.phone.spaced');
    expect(step?.effects.requests).toEqual([
      {
        method: 'POST',
        path: '/v2/projects/phone-login',
        body: { countryCode: '+1', phone: '1234566663', type: 'login' },
      },
    ]);
    if (path) await runPath(path, createCoreDriver());
  });

  it('masks the code in a recorded confirm request', () => {
    const confirm = getLoginPaths()
      .flatMap((p) => p.steps)
      .flatMap((s) => s.effects.requests)
      .find((r) => r.path.endsWith('/confirm'));
    expect(confirm?.body?.otp).toMatch(/^<(right|wrong) code>$/);
  });
});

describe('a UI binding', () => {
  it('sends through the UI what it handles, and through the actor the rest', async () => {
    const handled: string[] = [];
    const ui: UiBinding = {
      mount: () => undefined,
      unmount: () => undefined,
      send: (event, step) => {
        handled.push(`${event.type} @ ${step.case}`);
        return false;
      },
    };
    const path = getLoginPaths().find((p) => p.steps.some((s) => s.case === 'input.otp.right'));
    if (!path) throw new Error('no path submits a code');
    await runPath(path, createScriptedDriver({ ui }));
    expect(handled).toContain('otp.submit @ input.otp.right');
  });

  it('mounts the new actor after a reload', async () => {
    const mounted: unknown[] = [];
    const ui: UiBinding = { mount: (actor) => void mounted.push(actor), unmount: () => undefined };
    const path = getLoginPaths().find((p) => p.steps.some((s) => s.case === 'reload'));
    if (!path) throw new Error('no path reloads');
    await runPath(path, createScriptedDriver({ ui }));
    expect(mounted).toHaveLength(2);
    expect(mounted[0]).not.toBe(mounted[1]);
  });
});

describe('pathRequirements', () => {
  it('names what a path asks beyond typing, clicking and reading', () => {
    const all = getLoginPaths();
    const count = (need: string) => all.filter((path) => pathRequirements(path).has(need as never)).length;
    expect(count('input-while-restoring')).toBeGreaterThan(0);
    expect(count('storage-failure')).toBe(1);
    for (const need of ['time', 'clock-jump', 'reload', 'other-tab'])
      expect(count(need), need).toBeGreaterThan(0);
    const plain = all.filter((path) => pathRequirements(path).size === 0);
    expect(plain.length).toBeGreaterThan(all.length / 3);
  });
});
