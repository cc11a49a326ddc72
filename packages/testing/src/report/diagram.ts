import { loginMachine } from '@verifik-auth/core';
import type { AnyStateNode } from 'xstate';
import { getMachineStates, getMachineTransitions } from '../catalogue.js';
import type { LoginPath, MachineTransition } from '../path.types.js';

/**
 * How many paths go through each state and take each transition of the machine, for the diagram's
 * colours; see {@link coverageCounts}.
 */
export interface CoverageCounts {
  /** How many paths were counted. */
  paths: number;
  /** Every state of the machine (as {@link getMachineStates} names it) and how many paths reach it. */
  states: Record<string, number>;
  /** Every transition of the machine, by its id, and how many paths take it. */
  transitions: Record<string, number>;
}

/**
 * Counts, for every state and transition of the machine, the paths that reach it: a state counts once
 * for a path whose start or some step ends in it or in a state inside it, a transition once for a path
 * with a step that lists it. States and transitions no path reaches count 0.
 * @example
 * const counts = coverageCounts(getLoginPaths());
 * counts.states['awaitingOtp.ready']; // how many shortest paths get to the resend button
 */
export function coverageCounts(paths: readonly LoginPath[]): CoverageCounts {
  const states = Object.fromEntries(getMachineStates().map((state) => [state, 0]));
  const transitions = Object.fromEntries(getMachineTransitions().map(({ id }) => [id, 0]));
  for (const path of paths) {
    const reached = new Set<string>();
    const reach = (value: string) => {
      const parts = value.split('.');
      for (let i = 1; i <= parts.length; i++) reached.add(parts.slice(0, i).join('.'));
    };
    const taken = new Set<string>();
    reach(path.initial.value);
    for (const step of path.steps) {
      reach(step.expect.value);
      for (const id of step.transitions) taken.add(id);
    }
    for (const state of reached) if (state in states) states[state] = (states[state] ?? 0) + 1;
    for (const id of taken) if (id in transitions) transitions[id] = (transitions[id] ?? 0) + 1;
  }
  return { paths: paths.length, states, transitions };
}

/** Options of {@link machineFlowchart}. */
export interface FlowchartOptions {
  /**
   * Colour states and transitions by how many paths reach them (not covered, 1–2 paths, 3+ paths),
   * put each count in its label and add a legend. Without it: the plain machine, as the README shows it.
   */
  coverage?: CoverageCounts;
}

/** The coverage buckets: their `classDef` name, legend text and colours. */
const buckets = [
  {
    name: 'uncovered',
    legend: 'not covered',
    node: 'fill:#fde8e8,stroke:#c62828,stroke-width:2px,stroke-dasharray:5 3,color:#7f1d1d',
    edge: 'stroke:#c62828,stroke-width:2px,stroke-dasharray:6 4,color:#7f1d1d',
  },
  {
    name: 'few',
    legend: '1–2 paths',
    node: 'fill:#fff4d6,stroke:#b7791f,stroke-width:2px,color:#5c3d00',
    edge: 'stroke:#b7791f,stroke-width:2px,color:#5c3d00',
  },
  {
    name: 'many',
    legend: '3+ paths',
    node: 'fill:#e3f6e8,stroke:#1e7a3c,stroke-width:2px,color:#0f3d1e',
    edge: 'stroke:#1e7a3c,stroke-width:2px,color:#0f3d1e',
  },
] as const;

type BucketName = (typeof buckets)[number]['name'];

const bucketOf = (count: number): BucketName => (count === 0 ? 'uncovered' : count <= 2 ? 'few' : 'many');

const countText = (count: number) =>
  count === 0 ? 'not covered' : count === 1 ? '1 path' : `${count} paths`;

/** Words Mermaid's flowchart grammar reserves, which cannot be node ids as they are. */
const reservedIds = new Set(['end', 'graph', 'flowchart', 'subgraph', 'style', 'class', 'classdef', 'click']);

/** A Mermaid node id for a state path: `awaitingOtp.cooldown` → `awaitingOtp_cooldown`. */
function nodeId(state: string): string {
  const id = state.replace(/[^A-Za-z0-9_]/g, '_');
  return reservedIds.has(id.toLowerCase()) || /^[0-9]/.test(id) ? `state_${id}` : id;
}

/** Text for a quoted Mermaid label: quotes, `#` and angle brackets as Mermaid's entity codes. */
function labelText(text: string): string {
  return text.replace(/#/g, '#35;').replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;');
}

/**
 * A transition's label: its id without the source and the target (`login.phone [isPhoneLoginValid]`),
 * plus `(stays)` or `(re-entered)` for the ones that loop.
 */
function transitionLabel(transition: MachineTransition): string {
  const { id, source, eventType, target } = transition;
  const prefix = `${source}: `;
  const arrow = id.lastIndexOf(' → ');
  let label = id.startsWith(prefix) && arrow > prefix.length ? id.slice(prefix.length, arrow) : eventType;
  const suffix = arrow >= 0 ? /( #\d+)$/.exec(id.slice(arrow)) : null;
  if (suffix?.[1]) label += suffix[1];
  if (target.length === 0) label += ' (stays)';
  else if (target.every((state) => state === source)) label += ' (re-entered)';
  return label;
}

/** Each compound state's initial child, from the machine definition. */
function initialChildren(): Map<string, string> {
  const initial = new Map<string, string>();
  const visit = (node: AnyStateNode) => {
    const child = node.initial?.target[0];
    if (child) initial.set(node.path.join('.'), child.path.join('.'));
    for (const next of Object.values(node.states)) visit(next);
  };
  visit(loginMachine.root);
  return initial;
}

/**
 * The login machine as a Mermaid flowchart, generated from {@link getMachineStates} and
 * {@link getMachineTransitions}; the same machine always gives the same text.
 *
 * - Compound states are subgraphs. A dot marks the initial state of each level; a transition into a
 *   compound state ends at its dot.
 * - One edge per transition (and target), labelled with its event and guard, e.g.
 *   `login.phone [isPhoneLoginValid]`. The transitions a compound state takes whichever of its
 *   states is active start from an "any … state" node inside it; the machine-wide ones from an
 *   "any state" node.
 * - A transition that stays (no target) or re-enters its own state is a loop labelled `(stays)` or
 *   `(re-entered)`; the loops of one state share one edge, a line of its label each, since Mermaid
 *   draws several loops on one node on top of each other.
 *
 * A flowchart rather than a state diagram because Mermaid's state diagrams cannot colour single
 * transitions: with `coverage`, every state gets a `classDef` bucket (not covered, 1–2 paths,
 * 3+ paths) and every edge a `linkStyle` by its count (a shared loop by its least covered
 * transition), each label shows its count, and a legend explains the colours.
 * @example
 * const text = machineFlowchart({ coverage: coverageCounts(getLoginPaths()) });
 * // flowchart LR … idle -->|"login.phone [isPhoneLoginValid] · 12 paths"| sending …
 */
export function machineFlowchart(options: FlowchartOptions = {}): string {
  const { coverage } = options;
  const states = getMachineStates();
  const transitions = getMachineTransitions();
  const initial = initialChildren();
  const known = new Set(states);
  /** Each compound state's children, the root's under `''`. */
  const children = new Map<string, string[]>([['', []]]);
  for (const state of states) {
    const parent = state.includes('.') ? state.slice(0, state.lastIndexOf('.')) : '';
    children.set(parent, [...(children.get(parent) ?? []), state]);
  }
  /** A transition's source as a state path, `''` for the root. */
  const sourceOf = (transition: MachineTransition) => (known.has(transition.source) ? transition.source : '');
  const withTransitions = new Set(transitions.map(sourceOf));
  const startId = (state: string) => (state ? `${nodeId(state)}_start` : 'start');
  const anyId = (state: string) => (state ? `${nodeId(state)}_any` : 'anyState');
  const fromNode = (state: string) => (children.has(state) ? anyId(state) : nodeId(state));
  const toNode = (state: string) =>
    children.has(state) && initial.has(state) ? startId(state) : known.has(state) ? nodeId(state) : anyId('');

  const lines = ['flowchart LR'];
  const stateClass = new Map<BucketName, string[]>();
  const stateLabel = (state: string) => {
    const name = labelText(state.slice(state.lastIndexOf('.') + 1));
    if (!coverage) return name;
    const count = coverage.states[state] ?? 0;
    stateClass.set(bucketOf(count), [...(stateClass.get(bucketOf(count)) ?? []), nodeId(state)]);
    return `${name}<br/>${countText(count)}`;
  };
  const specialNodes = { initial: [] as string[], any: [] as string[] };

  // The states, nested; each level starts with its dot and its "any state" node.
  const declare = (parent: string, indent: string) => {
    if (initial.has(parent)) {
      lines.push(`${indent}${startId(parent)}(( ))`);
      specialNodes.initial.push(startId(parent));
    }
    if (withTransitions.has(parent)) {
      const name = parent ? `any ${labelText(parent.slice(parent.lastIndexOf('.') + 1))} state` : 'any state';
      lines.push(`${indent}${anyId(parent)}(["${name}"])`);
      specialNodes.any.push(anyId(parent));
    }
    for (const state of children.get(parent) ?? []) {
      if (children.has(state)) {
        lines.push(`${indent}subgraph ${nodeId(state)}["${stateLabel(state)}"]`);
        declare(state, `${indent}  `);
        lines.push(`${indent}end`);
      } else {
        lines.push(`${indent}${nodeId(state)}["${stateLabel(state)}"]`);
      }
    }
  };
  declare('', '  ');

  // The edges, counted from 0 for `linkStyle`: the dots' first, then the transitions in order.
  let edgeCount = 0;
  for (const [parent, child] of initial) {
    lines.push(`  ${startId(parent)} --> ${toNode(child)}`);
    edgeCount += 1;
  }
  const edgeClass = new Map<BucketName, number[]>();
  const addEdge = (from: string, label: string, to: string, count: number | undefined) => {
    if (count !== undefined)
      edgeClass.set(bucketOf(count), [...(edgeClass.get(bucketOf(count)) ?? []), edgeCount]);
    lines.push(`  ${from} -->|"${label}"| ${to}`);
    edgeCount += 1;
  };
  const countOf = (transition: MachineTransition) =>
    coverage ? (coverage.transitions[transition.id] ?? 0) : undefined;
  const labelOf = (transition: MachineTransition) => {
    const count = countOf(transition);
    const label = labelText(transitionLabel(transition));
    return count === undefined ? label : `${label} · ${countText(count)}`;
  };
  const edges = transitions.flatMap((transition) => {
    const from = fromNode(sourceOf(transition));
    const targets = transition.target.length ? transition.target.map(toNode) : [from];
    return targets.map((to) => ({ transition, from, to }));
  });
  const loops = new Map<string, MachineTransition[]>();
  for (const { transition, from, to } of edges) {
    if (from === to) loops.set(from, [...(loops.get(from) ?? []), transition]);
  }
  for (const { transition, from, to } of edges) {
    if (from !== to) {
      addEdge(from, labelOf(transition), to, countOf(transition));
      continue;
    }
    const group = loops.get(from) ?? [];
    if (group[0] !== transition) continue;
    const counts = group.map(countOf).filter((count) => count !== undefined);
    addEdge(from, group.map(labelOf).join('<br/>'), from, counts.length ? Math.min(...counts) : undefined);
  }

  // The styles.
  lines.push('  classDef initial fill:#333,stroke:#333');
  lines.push(`  class ${specialNodes.initial.join(',')} initial`);
  lines.push('  classDef anyState fill:#f6f6f6,stroke:#888,stroke-dasharray:4 3,color:#333');
  lines.push(`  class ${specialNodes.any.join(',')} anyState`);
  if (coverage) {
    lines.push(`  subgraph legend["Coverage (${coverage.paths} paths)"]`);
    lines.push('    direction TB');
    for (const bucket of buckets) lines.push(`    legend_${bucket.name}["${labelText(bucket.legend)}"]`);
    lines.push('  end');
    for (const bucket of buckets) {
      lines.push(`  classDef ${bucket.name} ${bucket.node}`);
      const members = [...(stateClass.get(bucket.name) ?? []), `legend_${bucket.name}`];
      lines.push(`  class ${members.join(',')} ${bucket.name}`);
    }
    for (const bucket of buckets) {
      const members = edgeClass.get(bucket.name);
      if (members?.length) lines.push(`  linkStyle ${members.join(',')} ${bucket.edge}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
