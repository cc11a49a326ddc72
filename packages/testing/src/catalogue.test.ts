import { loginMachine } from '@verifik-auth/core';
import { describe, expect, it } from 'vitest';
import { inputCases, outcomeCases } from './cases.js';
import { getCoverage, getLoginPaths, getMachineStates, getMachineTransitions } from './catalogue.js';
import { machineTransitions } from './model.js';

const shortest = getLoginPaths({ strategy: 'shortest' });
const simple = getLoginPaths({ strategy: 'simple' });
const all = [...shortest, ...simple];
const steps = all.flatMap((path) => path.steps);
const casesFrom = (state: string) =>
  new Set(
    all.flatMap((path) =>
      path.steps
        .filter((_step, i) => (i === 0 ? path.initial : path.steps[i - 1]?.expect)?.value === state)
        .map((step) => step.case),
    ),
  );

describe('the catalogue', () => {
  it('reaches every state and every transition of the machine', () => {
    const coverage = getCoverage();
    // A state or transition added to the machine and reached by no path shows up here by name.
    expect(coverage.states.missing).toEqual([]);
    expect(coverage.transitions.missing).toEqual([]);
    expect(coverage.states.covered).toBe(getMachineStates().length);
    expect(coverage.transitions.covered).toBe(getMachineTransitions().length);
  });

  it('reaches every transition with the shortest set alone, the set run in every driver', () => {
    expect(getCoverage(shortest).transitions.missing).toEqual([]);
  });

  it('counts the transitions of the shipped loginMachine, guarded branches and timers included', () => {
    const shipped = machineTransitions(loginMachine).map(({ id }) => id);
    expect(getMachineTransitions().map(({ id }) => id)).toEqual(shipped);
    expect(shipped.some((id) => id.includes('after otpExpiry'))).toBe(true);
    expect(shipped.some((id) => id.includes('done requestOtp'))).toBe(true);
    expect(shipped.some((id) => id.includes(': always'))).toBe(true);
  });

  it('uses every user input and every actor outcome somewhere', () => {
    const used = new Set(steps.map((step) => step.case));
    for (const input of inputCases) expect(used, input.id).toContain(`input.${input.id}`);
    for (const outcome of outcomeCases) expect(used, outcome.id).toContain(outcome.id);
    for (const other of ['advance', 'clock.back', 'reload', 'sync.login', 'sync.logout']) {
      expect(used).toContain(other);
    }
  });

  it('cancels from every state that allows it', () => {
    for (const state of ['sending', 'awaitingOtp.cooldown', 'awaitingOtp.ready', 'confirming', 'expired']) {
      expect(casesFrom(state), state).toContain('input.cancel');
    }
  });

  it('asks for a new code before the cooldown ends (refused) and after it (sent)', () => {
    const refused = steps.find(
      (step) => step.case === 'input.resend' && step.expect.error === 'resend_too_soon',
    );
    expect(refused?.expect.value).toBe('awaitingOtp.cooldown');
    expect(casesFrom('awaitingOtp.ready')).toContain('input.resend');
    expect(casesFrom('expired')).toContain('input.resend');
  });

  it('meets right, wrong and expired codes, and each send failure from each place a send starts', () => {
    const ends = (prefix: string) =>
      new Set(steps.filter((s) => s.case.startsWith(prefix)).map((s) => s.expect.value));
    expect(ends('confirmOtp.accepted')).toEqual(new Set(['authenticated.active']));
    expect(ends('confirmOtp.invalid_otp')).toEqual(new Set(['awaitingOtp.cooldown']));
    expect(ends('confirmOtp.otp_expired')).toEqual(new Set(['expired']));
    // A code whose sending failed is as dead as an expired one.
    expect(ends('confirmOtp.otp_send_failed')).toEqual(new Set(['expired']));
    expect(ends('requestOtp.send_refused')).toEqual(new Set(['idle', 'awaitingOtp.ready', 'expired']));
    expect(ends('requestOtp.server')).toEqual(new Set(['idle', 'awaitingOtp.ready', 'expired']));
  });

  it('gives each path a unique id and a state after every step', () => {
    expect(new Set(all.map((path) => path.id)).size).toBe(all.length);
    // Named by their actions: a reviewer reads what a path does from its id.
    expect(all.map((path) => path.id)).toContain('empty.phone.sent.right-code.accepted');
    for (const path of all) {
      expect(path.steps.length).toBeGreaterThan(0);
      expect(path.initial.value).toBe('restoring');
    }
  });

  it('is plain data: it survives JSON', () => {
    expect(JSON.parse(JSON.stringify(all))).toEqual(all);
  });

  it('drops every path that only repeats the start of another', () => {
    const keys = all
      .filter((p) => p.strategy === 'shortest')
      .map((path) => path.steps.map((step) => step.case + JSON.stringify(step.action)));
    for (const [i, a] of keys.entries()) {
      for (const [j, b] of keys.entries()) {
        if (i !== j && a.length < b.length) expect(a.every((key, k) => b[k] === key)).toBe(false);
      }
    }
  });
});

describe('the journeys', () => {
  const journeys = getLoginPaths({ strategy: 'journey' });
  const named = (name: string) => {
    const path = journeys.find((candidate) => candidate.description === name);
    if (!path) throw new Error(`no journey "${name}"`);
    return path;
  };

  it('counts wrong codes 1, 2, then signs in with the right one', () => {
    const path = named('a wrong code twice, then the right one: attempts 1, 2, then signed in');
    const afterAnswers = path.steps.filter((step) => step.case.startsWith('confirmOtp.'));
    expect(
      afterAnswers.map((step) => [step.expect.attempts, step.expect.error, step.expect.signedIn]),
    ).toEqual([
      [1, 'invalid_otp', false],
      [2, 'invalid_otp', false],
      [0, null, true],
    ]);
    expect(path.steps.at(-1)?.effects).toMatchObject({ storageWrites: ['save'], stored: 'session' });
  });

  it('resets the attempts and clears the error when a new code arrives', () => {
    const path = named('a new code resets the attempts and clears the old error');
    const resent = path.steps.findIndex((step) => step.case === 'input.resend');
    expect(path.steps[resent - 1]?.expect).toMatchObject({ attempts: 1, error: 'invalid_otp' });
    expect(path.steps[resent + 1]?.expect).toMatchObject({ attempts: 0, error: null, errorMessage: null });
  });

  it('removes a stale stored session, and clears storage on logout', () => {
    expect(named('a stored session that expired is removed from storage').steps[0]?.effects).toEqual({
      requests: [],
      aborted: [],
      storageWrites: ['clear'],
      stored: 'nothing',
    });
    expect(named('signing in stores the session; logging out clears it').steps.at(-1)?.effects).toMatchObject(
      {
        storageWrites: ['clear'],
        stored: 'nothing',
      },
    );
  });

  it('lets a login go on when another tab logs out, sending and writing nothing', () => {
    const path = named('another tab logs out during a login: the login goes on');
    const sync = path.steps.find((step) => step.case === 'sync.logout');
    expect(sync?.transitions).toEqual([]);
    expect(sync?.effects).toMatchObject({ requests: [], storageWrites: [] });
    expect(path.steps.at(-1)?.expect.signedIn).toBe(true);
  });
});
