import { readFileSync } from 'node:fs';
import { getAdjacencyMap } from 'xstate/graph';
import { pathClockStart, pathMachineOptions } from './cases.js';
import { journeys } from './journeys.js';
import {
  CatalogueLimitError,
  createLoginModel,
  type LoginModel,
  type ModelEvent,
  type ModelLimits,
  type ModelState,
  modelLogic,
  stateValueToString,
} from './model.js';
import type {
  Coverage,
  CoverageFigure,
  IgnoredInState,
  LoginCatalogue,
  LoginPath,
  MachineTransition,
  PathStep,
  PathStrategy,
} from './path.types.js';
import { pathTags } from './tags.js';

/** Which login paths {@link getLoginPaths} returns. */
export interface LoginPathOptions {
  /**
   * - `shortest`: the shortest path to every state of the model, and to every event case from every
   *   state (one per source state, case and transitions taken). The set CI runs everywhere.
   * - `simple`: every simple path through the machine's states by what the user does, what the API
   *   answers and time passing: no state visited twice. Longer journeys.
   * - `journey`: hand-picked sequences that revisit states (attempts, resends, a session's life).
   *
   * Default: all three.
   */
  strategy?: PathStrategy;
  /** Run each scenario outline's examples as paths of their own (default true; see {@link expandExamples}). */
  expand?: boolean;
}

/**
 * Where the committed catalogue lives, beside the package's `src` and `dist`. (Not written as
 * `new URL('…', import.meta.url)`: Vite would turn that into an asset URL for the browser.)
 */
const here = import.meta.url;
/** The committed catalogue file's URL. */
export const catalogueUrl = new URL('../catalogue/login.paths.json', here);

let committed: LoginCatalogue | undefined;

/** The committed, reviewed catalogue (`catalogue/login.paths.json`): what every driver replays. */
export function loadCatalogue(): LoginCatalogue {
  if (!committed) {
    const parsed = JSON.parse(readFileSync(catalogueUrl, 'utf8')) as LoginCatalogue;
    if (parsed.version !== 2)
      throw new Error(`${catalogueUrl.pathname}: unknown catalogue version ${parsed.version}`);
    committed = parsed;
  }
  return committed;
}

/**
 * A scenario outline as runnable paths: the path itself, then one per example, its last step replaced
 * by the example's (id `<path id>[<case>]`).
 */
export function expandExamples(path: LoginPath): LoginPath[] {
  const { examples, ...base } = path;
  if (!examples?.length) return [base];
  const head = base.steps.slice(0, -1);
  return [
    base,
    ...examples.map((example) => {
      const { case: name, description, action, expect, transitions, effects } = example;
      const last = base.steps.at(-1);
      const step: PathStep = {
        case: name,
        description,
        action,
        expect,
        transitions,
        calls: last?.calls ?? [],
        effects,
      };
      const from = head.at(-1)?.expect.value ?? base.initial.value;
      return {
        ...base,
        id: `${base.id}[${name}]`,
        description: `${description} (${from} → ${expect.value})`,
        steps: [...head, step],
      };
    }),
  ];
}

/**
 * The login path tests, from the committed catalogue: invoked actors settle with every outcome the
 * cases allow, `after` timers fire as time passes.
 * @example
 * for (const path of getLoginPaths({ strategy: 'shortest' })) {
 *   it(`${path.id}: ${path.description}`, () => runPath(path, createCoreDriver()));
 * }
 */
export function getLoginPaths(options: LoginPathOptions = {}): LoginPath[] {
  const { strategy, expand = true } = options;
  const paths = loadCatalogue().paths.filter((path) => strategy === undefined || path.strategy === strategy);
  return expand ? paths.flatMap(expandExamples) : paths;
}

/** The committed table of events each state must ignore (see {@link IgnoredInState}). */
export function getIgnoredEvents(): IgnoredInState[] {
  return loadCatalogue().ignored;
}

/**
 * The ignored-events table as paths any driver runs: the prefix of `via` that reaches the state, then
 * each ignored event in turn, expecting nothing to change, nothing to be sent and nothing written
 * (another tab's logout empties the shared storage, but this tab writes nothing).
 */
export function getIgnoredPaths(): LoginPath[] {
  const paths = new Map(getLoginPaths().map((path) => [path.id, path]));
  return getIgnoredEvents().map((entry) => {
    const via = paths.get(entry.via);
    if (!via) throw new Error(`the ignored-events table names ${entry.via}, which the catalogue lacks`);
    const prefix = via.steps.slice(0, entry.steps);
    const expect = prefix.at(-1)?.expect ?? via.initial;
    let stored = prefix.at(-1)?.effects.stored ?? 'nothing';
    const ignoring = entry.ignored.map((event): PathStep => {
      // Another tab's write lands in the shared storage even when this tab ignores it.
      if (event.action.type === 'syncStorage') stored = event.action.session === null ? 'nothing' : 'session';
      return {
        case: event.case,
        description: `${event.description} (ignored)`,
        action: event.action,
        expect,
        transitions: [],
        calls: [],
        effects: { requests: [], aborted: [], storageWrites: [], stored },
      };
    });
    return {
      ...via,
      id: `ignored-in-${entry.state}`,
      strategy: 'shortest',
      description: `${entry.state} ignores ${entry.ignored.map((event) => event.case).join(', ')}`,
      steps: [...prefix, ...ignoring],
    };
  });
}

// ------------------------------------------------------------------------------------------------
// Generation: only `pnpm paths --update` and the catalogue-diff test regenerate.
// ------------------------------------------------------------------------------------------------

const stateOf = (state: ModelState) => stateValueToString(state.snapshot.value);

/** A step's case as a word of a path id: `requestOtp.rate_limited` → `send-rate-limited`. */
const idWords: Record<string, string> = {
  'input.phone': 'phone',
  'input.phone.invalid': 'bad-phone',
  'input.phone.spaced': 'spaced-phone',
  'input.email': 'email',
  'input.email.invalid': 'bad-email',
  'input.otp.right': 'right-code',
  'input.otp.wrong': 'wrong-code',
  'input.otp.malformed': 'short-code',
  'input.resend': 'resend',
  'input.cancel': 'cancel',
  'input.refresh': 'refresh',
  'input.logout': 'logout',
  'input.revoke': 'revoke',
  'loadSession.empty': 'empty',
  'loadSession.live': 'live',
  'loadSession.stale': 'stale',
  'loadSession.failed': 'storage-fails',
  'requestOtp.sent': 'sent',
  'confirmOtp.accepted': 'accepted',
  'refreshSession.refreshed': 'refreshed',
  'revokeOtherSessions.revoked': 'revoked',
  advance: 'wait',
  'advance.half': 'half-wait',
  'clock.back': 'clock-back',
  reload: 'reload',
  'sync.login': 'tab-login',
  'sync.logout': 'tab-logout',
  'sync.stale': 'tab-stale-login',
  // The authenticator step: the app's code, and the answers that ask for it.
  'input.authenticator.right': 'app-code',
  'input.authenticator.wrong': 'wrong-app-code',
  'input.authenticator.empty': 'no-app-code',
  'input.authenticator.malformed': 'short-app-code',
  'confirmOtp.authenticator-setup': 'app-setup',
  'confirmOtp.authenticator': 'app-asked',
};
const actorWord: Record<string, string> = {
  requestOtp: 'send',
  confirmOtp: 'confirm',
  refreshSession: 'refresh',
  revokeOtherSessions: 'revoke',
  loadSession: 'load',
};

function idWord(stepCase: string): string {
  const known = idWords[stepCase];
  if (known) return known;
  const [actor = '', code = ''] = stepCase.split('.');
  return `${actorWord[actor] ?? actor}-${code.replaceAll('_', '-')}`;
}

/** A path's id: its actions, word by word. */
const pathId = (cases: readonly string[]) => (cases.length ? cases.map(idWord).join('.') : 'start');

/** Replays a model history into the catalogue's form. */
function toPath(
  model: LoginModel,
  history: readonly ModelEvent[],
  strategy: PathStrategy,
  name?: string,
): LoginPath {
  let state = model.initial;
  const steps: PathStep[] = [];
  let from = stateOf(state);
  for (const event of history) {
    from = stateOf(state);
    state = model.step(state, event);
    const record = state.last;
    if (!record) throw new Error('a model step left no record');
    steps.push({
      case: record.case,
      description: record.description,
      action: record.action,
      expect: model.expect(state),
      transitions: record.transitions.map(model.transitionId),
      calls: record.calls,
      effects: record.effects,
    });
  }
  const last = steps.at(-1);
  const description = name ?? (last ? `${last.description} (${from} → ${last.expect.value})` : 'starts');
  const path: LoginPath = {
    id: pathId(steps.map((step) => step.case)),
    strategy,
    tags: [],
    description,
    startsAt: pathClockStart,
    initial: model.expect(model.initial),
    steps,
  };
  path.tags = pathTags(path);
  return path;
}

/** Drops every history that is the beginning of another, then orders by length and by steps. */
function maximal(histories: Array<readonly ModelEvent[]>): Array<readonly ModelEvent[]> {
  const encoded = histories.map((history) => ({
    history,
    keys: history.map((event) => JSON.stringify(event)),
  }));
  encoded.sort((a, b) => b.keys.length - a.keys.length);
  const kept: typeof encoded = [];
  const seen = new Set<string>();
  for (const candidate of encoded) {
    const whole = candidate.keys.join('\n');
    if (seen.has(whole)) continue;
    if (kept.some(({ keys }) => candidate.keys.every((key, i) => keys[i] === key))) continue;
    kept.push(candidate);
    seen.add(whole);
  }
  kept.sort((a, b) => a.keys.length - b.keys.length || (a.keys.join('\n') < b.keys.join('\n') ? -1 : 1));
  return kept.map(({ history }) => history);
}

function shortestHistories(model: LoginModel): Array<readonly ModelEvent[]> {
  const logic = modelLogic(model);
  const adjacency = getAdjacencyMap(logic, {
    fromState: logic.getInitialSnapshot(undefined as never, undefined),
    events: (snapshot) => model.events(snapshot.context),
    serializeState: (snapshot) => model.key(snapshot.context),
  });
  // The traversal is breadth-first, so each state it keeps was reached by a shortest history.
  const byEdge = new Map<string, readonly ModelEvent[]>();
  const histories: Array<readonly ModelEvent[]> = [];
  for (const { state, transitions } of Object.values(adjacency)) {
    histories.push(state.context.history);
    const edges = Object.values(transitions) as Array<{ state: typeof state }>;
    for (const { state: next } of edges) {
      const taken = next.context.last?.transitions.map(model.transitionId).join(' + ');
      const edge = `${stateOf(state.context)} | ${next.context.last?.case} | ${taken} | ${stateOf(next.context)}`;
      const known = byEdge.get(edge);
      if (!known || known.length > next.context.history.length) byEdge.set(edge, next.context.history);
    }
  }
  return maximal([...histories, ...byEdge.values()]);
}

/** Simple paths follow what the user does, what the API answers and time; other tabs, reloads and
 * clock jumps are left to the shortest set, or every journey would end in a sync. */
const journeyEvents = new Set<ModelEvent['type']>(['input', 'settle', 'advance']);

function simpleHistories(model: LoginModel): Array<readonly ModelEvent[]> {
  const histories: Array<readonly ModelEvent[]> = [];
  const visit = (state: ModelState, onPath: Set<string>) => {
    const next = new Map<string, ModelState>();
    for (const event of model.events(state)) {
      if (!journeyEvents.has(event.type)) continue;
      const after = model.step(state, event);
      const value = stateOf(after);
      if (!onPath.has(value) && !next.has(value)) next.set(value, after);
    }
    if (next.size === 0) histories.push(state.history);
    for (const [value, after] of next) {
      onPath.add(value);
      visit(after, onPath);
      onPath.delete(value);
    }
  };
  visit(model.initial, new Set([stateOf(model.initial)]));
  return maximal(histories);
}

/**
 * Paths that differ only in how the last call failed, and take the same transitions for it, become
 * one scenario outline: the first failure stands for the path, the others are its examples.
 */
function outlines(paths: LoginPath[]): LoginPath[] {
  const groups = new Map<string, LoginPath[]>();
  for (const path of paths) {
    const last = path.steps.at(-1);
    const failed = last?.action.type === 'settle' && last.action.outcome.status === 'error';
    const key = failed
      ? `${path.strategy} | ${path.steps
          .slice(0, -1)
          .map((step) => step.case)
          .join(
            ' ',
          )} | ${last.action.type === 'settle' ? last.action.actor : ''} | ${last.transitions.join(' + ')}`
      : `${path.strategy} | ${path.id} | alone`;
    groups.set(key, [...(groups.get(key) ?? []), path]);
  }
  return [...groups.values()].map((group) => {
    const [first, ...others] = group;
    if (!first) throw new Error('an empty outline group');
    if (others.length === 0) return first;
    // The first failure names the outline: two outlines may share everything but their transitions.
    return {
      ...first,
      tags: [...new Set(group.flatMap((path) => path.tags))].sort(),
      examples: others.map((path) => {
        const step = path.steps.at(-1);
        if (!step) throw new Error('an outline example without steps');
        const { case: name, description, action, expect, transitions, effects } = step;
        return { case: name, description, action, expect, transitions, effects };
      }),
    };
  });
}

/**
 * For each state the catalogue reaches, the inputs and other-tab events that take no transition
 * there, with the shortest prefix of a path that reaches it (a path a page can drive, when one does).
 */
function ignoredTable(
  model: LoginModel,
  paths: readonly LoginPath[],
  historyOf: (path: LoginPath) => readonly ModelEvent[],
) {
  const best = new Map<string, { path: LoginPath; steps: number; state: ModelState; drivable: boolean }>();
  for (const path of paths) {
    const drivable = !path.tags.includes('page-cannot-drive');
    const history = historyOf(path);
    let state = model.initial;
    for (let i = 0; i <= history.length; i++) {
      // States entered before the storage was read end their paths: they are not places to wait in.
      if (state.early) break;
      const value = stateOf(state);
      const known = best.get(value);
      if (!known || (drivable && !known.drivable) || (drivable === known.drivable && i < known.steps)) {
        best.set(value, { path, steps: i, state, drivable });
      }
      const event = history[i];
      if (event) state = model.step(state, event);
    }
  }
  return [...best.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([value, { path, steps, state }]): IgnoredInState => {
      const ignored = model
        .candidates(state)
        .map((event) => model.step(state, event).last)
        .filter((record) => record !== null && record.transitions.length === 0)
        .map((record) => {
          if (!record) throw new Error('a model step left no record');
          return { case: record.case, description: record.description, action: record.action };
        });
      return { state: value, via: path.id, steps, ignored };
    });
}

/**
 * Generates the catalogue from the machine as it is now, within `limits`. Only `pnpm paths --update`
 * (which commits it) and the catalogue-diff test (which compares it with the committed one) call it.
 * @throws {CatalogueLimitError} when generation goes past its limits (a looping machine).
 */
export function generateCatalogue(limits: ModelLimits = {}): LoginCatalogue {
  const model = createLoginModel(limits);
  const histories = new Map<string, readonly ModelEvent[]>();
  const paths: LoginPath[] = [];
  const add = (history: readonly ModelEvent[], strategy: PathStrategy, name?: string) => {
    const path = toPath(model, history, strategy, name);
    // The same actions twice (a simple path that is also a shortest one): keep the first.
    if (histories.has(path.id)) return;
    histories.set(path.id, history);
    paths.push(path);
  };
  for (const history of shortestHistories(model)) add(history, 'shortest');
  for (const history of simpleHistories(model)) add(history, 'simple');
  for (const journey of journeys) {
    try {
      add(journey.events, 'journey', journey.name);
    } catch (error) {
      // A journey the machine no longer allows (a call it never makes, say) is a change to review.
      if (error instanceof CatalogueLimitError) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`the journey "${journey.name}" cannot be followed on this machine: ${reason}`, {
        cause: error,
      });
    }
  }
  const grouped = [
    ...outlines(paths.filter((path) => path.strategy !== 'journey')),
    ...paths.filter((path) => path.strategy === 'journey'),
  ];
  const historyOf = (path: LoginPath) => {
    // An outline's own steps are its first member's; only its last word names it differently.
    const member = paths.find((candidate) => candidate.steps === path.steps);
    const history = member && histories.get(member.id);
    if (!history) throw new Error(`no history for ${path.id}`);
    return history;
  };
  return {
    version: 2,
    machine: 'login',
    machineOptions: { ...pathMachineOptions, startsAt: pathClockStart },
    paths: grouped,
    ignored: ignoredTable(
      model,
      grouped.filter((path) => path.strategy === 'shortest'),
      historyOf,
    ),
  };
}

let generatedModel: LoginModel | undefined;
const machineModel = () => {
  generatedModel ??= createLoginModel();
  return generatedModel;
};

/** Every transition of the machine, as coverage counts them. */
export function getMachineTransitions(): MachineTransition[] {
  return machineModel().transitions;
}

/** Every state of the machine (below the root), as coverage counts them. */
export function getMachineStates(): string[] {
  return machineModel().states;
}

function figure(all: readonly string[], reached: ReadonlySet<string>): CoverageFigure {
  return {
    covered: all.filter((item) => reached.has(item)).length,
    total: all.length,
    missing: all.filter((item) => !reached.has(item)),
  };
}

/**
 * How much of the machine the paths reach: a state counts when a step ends in it (or in a state
 * inside it), a transition when a step takes it. Default: the whole committed catalogue.
 */
export function getCoverage(paths: readonly LoginPath[] = getLoginPaths()): Coverage {
  const model = machineModel();
  const states = new Set<string>();
  const transitions = new Set<string>();
  const reach = (value: string) => {
    const parts = value.split('.');
    for (let i = 1; i <= parts.length; i++) states.add(parts.slice(0, i).join('.'));
  };
  let steps = 0;
  for (const path of paths.flatMap(expandExamples)) {
    reach(path.initial.value);
    for (const step of path.steps) {
      steps += 1;
      reach(step.expect.value);
      for (const id of step.transitions) transitions.add(id);
    }
  }
  return {
    paths: paths.length,
    steps,
    states: figure(model.states, states),
    transitions: figure(
      model.transitions.map(({ id }) => id),
      transitions,
    ),
  };
}
