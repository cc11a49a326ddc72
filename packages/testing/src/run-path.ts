import type { LoginEvent, LoginView, Session } from '@verifik-auth/core';
import type { ActorOutcome, PathActorName } from './cases.js';
import type { ExpectedState, LoginPath, PathStep } from './path.types.js';

/** A value, or a promise of it: a driver may be synchronous (the core actor) or not (a browser). */
export type Awaitable<T> = T | Promise<T>;

/**
 * What a path needs from whatever runs it: the core actor, a React or Vue page, a browser. Each
 * method gets the step it serves, for drivers that look ahead (e.g. to inject a server fault before
 * the request a later step settles) or that name the step in their own errors.
 */
export interface LoginPathDriver {
  /** A fresh login for `path`: clock at `path.startsAt`, nothing pending; then start it. */
  start(path: LoginPath): Awaitable<void>;
  /** The user does something: type and click, or send the event as it is. */
  send(event: LoginEvent, step: PathStep): Awaitable<void>;
  /** The pending call of `actor` ends with `outcome`. */
  settle(actor: PathActorName, outcome: ActorOutcome, step: PathStep): Awaitable<void>;
  /** Time passes (timers and the device clock together), firing what is due. */
  advance(ms: number, step: PathStep): Awaitable<void>;
  /** The device clock jumps by `ms` without moving the timers already set. */
  adjustClock(ms: number, step: PathStep): Awaitable<void>;
  /** The page reloads: a new actor from the persisted snapshot. */
  reload(step: PathStep): Awaitable<void>;
  /** Another tab stores `session` (or removes it). */
  syncStorage(session: Session | null, step: PathStep): Awaitable<void>;
  /** Throws when what the driver sees differs from `expected` (see {@link assertObserved}). */
  assertState(expected: ExpectedState, step: PathStep | null): Awaitable<void>;
  /** Releases everything `start` made; called even when a step failed. */
  stop(): Awaitable<void>;
}

/** A path step that failed, with where and why. */
export class PathError extends Error {
  /** Always `"PathError"`, to recognize it across realms (a browser page, a worker). */
  override name = 'PathError' as const;
  constructor(
    /** The path that failed. */
    readonly path: LoginPath,
    /** The step's index, or -1 for the start. */
    readonly stepIndex: number,
    options: { cause: unknown },
  ) {
    const step = path.steps[stepIndex];
    const where = step ? `step ${stepIndex + 1} (${step.description})` : 'the start';
    const reason = options.cause instanceof Error ? options.cause.message : String(options.cause);
    super(`${path.id} failed at ${where}: ${reason}\n${describePath(path, stepIndex)}`, options);
  }
}

/** The path's steps, one a line, with a marker at `failedAt`. */
export function describePath(path: LoginPath, failedAt = -2): string {
  const lines = [`${failedAt === -1 ? '✗' : ' '} start → ${path.initial.value}`];
  path.steps.forEach((step, i) => {
    lines.push(`${i === failedAt ? '✗' : ' '} ${i + 1}. ${step.description} → ${step.expect.value}`);
  });
  return lines.join('\n');
}

function perform(driver: LoginPathDriver, step: PathStep): Awaitable<void> {
  const { action } = step;
  switch (action.type) {
    case 'send':
      return driver.send(action.event, step);
    case 'settle':
      return driver.settle(action.actor, action.outcome, step);
    case 'advance':
      return driver.advance(action.ms, step);
    case 'adjustClock':
      return driver.adjustClock(action.ms, step);
    case 'reload':
      return driver.reload(step);
    case 'syncStorage':
      return driver.syncStorage(action.session, step);
  }
}

/**
 * Runs one generated path: starts the driver, checks the initial state, then performs each step
 * and checks the state it must lead to. Rejects with a {@link PathError} naming the failed step.
 * @example
 * it.each(getLoginPaths())('$id: $description', (path) => runPath(path, createCoreDriver()));
 */
export async function runPath(path: LoginPath, driver: LoginPathDriver): Promise<void> {
  let index = -1;
  try {
    await driver.start(path);
    await driver.assertState(path.initial, null);
    for (const step of path.steps) {
      index += 1;
      await perform(driver, step);
      await driver.assertState(step.expect, step);
    }
  } catch (cause) {
    throw new PathError(path, index, { cause });
  } finally {
    await driver.stop();
  }
}

/** What a driver could see: any part of {@link ExpectedState}; parts left out are not compared. */
export type ObservedState = Partial<ExpectedState>;

/** The differences between what was expected and what was observed, one a line; empty when none. */
export function compareState(expected: ExpectedState, observed: ObservedState): string[] {
  const differences: string[] = [];
  for (const key of Object.keys(observed) as Array<keyof ExpectedState>) {
    const want = JSON.stringify(expected[key]);
    const got = JSON.stringify(observed[key]);
    if (want !== got) differences.push(`${key}: expected ${want}, got ${got}`);
  }
  return differences;
}

/** Throws an error listing every difference between `expected` and `observed`. */
export function assertObserved(expected: ExpectedState, observed: ObservedState): void {
  const differences = compareState(expected, observed);
  if (differences.length) throw new Error(`unexpected state: ${differences.join('; ')}`);
}

/** What a `connect()` view shows of {@link ExpectedState}: all but the state value, controls and countdowns. */
export function observeView(
  view: LoginView,
): Omit<ExpectedState, 'value' | 'enabled' | 'resendInSeconds' | 'otpExpiresInSeconds'> {
  return {
    step: view.step,
    busy: view.busy,
    resending: view.resending,
    error: view.error?.code ?? null,
    fieldErrors: Object.keys(view.fieldErrors).sort() as ExpectedState['fieldErrors'],
    expiredReason: view.expiredReason,
    attempts: view.attempts,
    canResend: view.canResend,
    maskedIdentifier: view.maskedIdentifier,
    signedIn: view.session !== null,
    errorMessage: view.error?.message ?? null,
    // Only on the authenticator step: what it shows, never the QR code's or the key's value.
    ...(view.authenticator && {
      authenticator: {
        qrCode: view.authenticator.qrCode !== null,
        secretKey: view.authenticator.secretKey !== null,
      },
    }),
  };
}

/**
 * What a path asks of its driver beyond typing, clicking and reading the page:
 * - `input-while-restoring`: a user or another tab acts before the stored session is read;
 * - `storage-failure`: reading the stored session fails (a real session store turns that into
 *   "nothing stored": same state, other transition);
 * - `time`: time passes, firing timers;
 * - `clock-jump`: the device clock jumps without moving timers;
 * - `reload`: a new actor from the persisted snapshot;
 * - `other-tab`: another tab writes the stored session.
 */
export type PathRequirement =
  | 'input-while-restoring'
  | 'storage-failure'
  | 'time'
  | 'clock-jump'
  | 'reload'
  | 'other-tab';

/**
 * The requirements of a path, for a driver that cannot meet them all to pick its paths explicitly.
 * @example
 * const runnable = getLoginPaths().filter((path) => !pathRequirements(path).has('input-while-restoring'));
 */
export function pathRequirements(path: LoginPath): Set<PathRequirement> {
  const needs = new Set<PathRequirement>();
  let before = path.initial;
  for (const step of path.steps) {
    const { action } = step;
    if (before.step === 'restoring' && action.type !== 'settle') needs.add('input-while-restoring');
    if (action.type === 'settle' && action.actor === 'loadSession' && action.outcome.status === 'error') {
      needs.add('storage-failure');
    }
    if (action.type === 'advance') needs.add('time');
    if (action.type === 'adjustClock') needs.add('clock-jump');
    if (action.type === 'reload') needs.add('reload');
    if (action.type === 'syncStorage') needs.add('other-tab');
    before = step.expect;
  }
  return needs;
}
