import { getAdjacencyMap } from 'xstate/graph';
import { pathClockStart } from './cases.js';
import {
  createLoginModel,
  expectedStateOf,
  type LoginModel,
  type ModelEvent,
  type ModelState,
  modelLogic,
  stateValueToString,
} from './model.js';
import type {
  Coverage,
  CoverageFigure,
  LoginPath,
  MachineTransition,
  PathStep,
  PathStrategy,
} from './path.types.js';

/** Which login paths {@link getLoginPaths} generates. */
export interface LoginPathOptions {
  /**
   * - `shortest` (default): the shortest path to every state of the model, and to every event case
   *   from every state (one per source state, case and transitions taken). The set CI runs everywhere.
   * - `simple`: every simple path through the machine's states by what the user does, what the API
   *   answers and time passing: no state visited twice; where several cases lead to the same next
   *   state, the first stands for them. Longer journeys.
   */
  strategy?: PathStrategy;
}

interface Traversal {
  model: LoginModel;
  shortest: LoginPath[];
  simple: LoginPath[];
}

let traversal: Traversal | undefined;

const stateOf = (state: ModelState) => stateValueToString(state.snapshot.value);

/** Replays a model path from the start into the catalogue's form. */
function toPath(
  model: LoginModel,
  history: readonly ModelEvent[],
  strategy: PathStrategy,
  index: number,
): LoginPath {
  let state = model.initial;
  const steps: PathStep[] = [];
  /** Where the last step started. */
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
      expect: expectedStateOf(state.snapshot),
      transitions: record.transitions.map(model.transitionId),
      calls: record.calls,
    });
  }
  const last = steps.at(-1);
  const description = last ? `${last.description} (${from} → ${last.expect.value})` : 'starts';
  return {
    id: `${strategy}-${String(index + 1).padStart(3, '0')}`,
    strategy,
    description,
    startsAt: pathClockStart,
    initial: expectedStateOf(model.initial.snapshot),
    steps,
  };
}

/** Drops every path that is the beginning of another, then orders by length and by steps. */
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

function traverse(): Traversal {
  if (!traversal) {
    const model = createLoginModel();
    traversal = {
      model,
      shortest: shortestHistories(model).map((history, i) => toPath(model, history, 'shortest', i)),
      simple: simpleHistories(model).map((history, i) => toPath(model, history, 'simple', i)),
    };
  }
  return traversal;
}

/**
 * The generated path tests of the login machine, from a traversal of the machine itself: invoked
 * actors settle with every outcome the cases allow, `after` timers fire as time passes.
 * @example
 * for (const path of getLoginPaths({ strategy: 'shortest' })) {
 *   it(`${path.id}: ${path.description}`, () => runPath(path, createCoreDriver()));
 * }
 */
export function getLoginPaths(options: LoginPathOptions = {}): LoginPath[] {
  const strategy = options.strategy ?? 'shortest';
  return traverse()[strategy];
}

/** Every transition of the machine, as coverage counts them. */
export function getMachineTransitions(): MachineTransition[] {
  return traverse().model.transitions;
}

/** Every state of the machine (below the root), as coverage counts them. */
export function getMachineStates(): string[] {
  return traverse().model.states;
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
 * inside it), a transition when a step takes it. Default: the whole catalogue, both strategies.
 */
export function getCoverage(paths?: readonly LoginPath[]): Coverage {
  const { model, shortest, simple } = traverse();
  const chosen = paths ?? [...shortest, ...simple];
  const states = new Set<string>();
  const transitions = new Set<string>();
  const reach = (value: string) => {
    const parts = value.split('.');
    for (let i = 1; i <= parts.length; i++) states.add(parts.slice(0, i).join('.'));
  };
  let steps = 0;
  for (const path of chosen) {
    reach(path.initial.value);
    for (const step of path.steps) {
      steps += 1;
      reach(step.expect.value);
      for (const id of step.transitions) transitions.add(id);
    }
  }
  return {
    paths: chosen.length,
    steps,
    states: figure(model.states, states),
    transitions: figure(
      model.transitions.map(({ id }) => id),
      transitions,
    ),
  };
}
