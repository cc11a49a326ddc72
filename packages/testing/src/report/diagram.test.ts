import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { getMachineStates, getMachineTransitions } from '../catalogue.js';
import type { LoginPath } from '../path.types.js';
import { type CoverageCounts, coverageCounts, machineFlowchart } from './diagram.js';
import { readmeDiagram, readReadmeDiagram, updateReadmeDiagram } from './readme.js';

const states = getMachineStates();
const transitions = getMachineTransitions();

/** A path with only what coverage reads: the state after the start and after each step, and the transitions. */
function fakePath(
  id: string,
  initial: string,
  steps: Array<[value: string, transitions: string[]]>,
): LoginPath {
  return {
    id,
    initial: { value: initial },
    steps: steps.map(([value, taken]) => ({ expect: { value }, transitions: taken })),
  } as unknown as LoginPath;
}

/** Counts no real catalogue has: every state and transition its own number, so each label is findable. */
function distinctCounts(): CoverageCounts {
  return {
    paths: 9999,
    states: Object.fromEntries(states.map((state, i) => [state, 1000 + i])),
    transitions: Object.fromEntries(transitions.map(({ id }, i) => [id, 2000 + i])),
  };
}

/** The edge lines in the order Mermaid numbers them for `linkStyle`. */
const edgeLines = (text: string) => text.split('\n').filter((line) => line.includes('-->'));

/** The edge indexes a `linkStyle` line styles whose style contains `colour`. */
function styledEdges(text: string, colour: string): number[] {
  return text
    .split('\n')
    .filter((line) => line.trim().startsWith('linkStyle ') && line.includes(colour))
    .flatMap((line) => (line.trim().split(' ')[1] ?? '').split(',').map(Number));
}

describe('machineFlowchart', () => {
  it('is a Mermaid flowchart with every state, compound states as subgraphs', () => {
    const text = machineFlowchart();
    expect(text.startsWith('flowchart LR\n')).toBe(true);
    for (const state of states) {
      const id = state.replace(/\./g, '_');
      const name = state.split('.').at(-1);
      const compound = states.some((other) => other.startsWith(`${state}.`));
      expect(text).toContain(compound ? `subgraph ${id}["${name}"]` : `${id}["${name}"]`);
    }
    expect(text).toContain('subgraph awaitingOtp["awaitingOtp"]');
    expect(text).toContain('subgraph authenticated["authenticated"]');
    // Every subgraph is closed.
    expect(text.match(/^\s*subgraph /gm)?.length).toBe(text.match(/^\s*end$/gm)?.length);
  });

  it('draws every transition, labelled with its event and guard', () => {
    const text = machineFlowchart();
    expect(text).toContain('idle -->|"login.phone [isPhoneLoginValid]"| sending');
    expect(text).toContain('anyState -->|"session.sync [isOtherTabLogout]"| idle');
    // Into a compound state: to its initial dot.
    expect(text).toContain('sending -->|"done requestOtp"| awaitingOtp_start');
    // From a compound state: from the node that stands for all its states.
    expect(text).toContain('awaitingOtp_any -->|"login.cancel"| idle');
    // Transitions that stay or re-enter are loops, one edge per state, a line each.
    expect(text).toContain('idle -->|"login.phone (stays)<br/>login.email (stays)"| idle');
    expect(text).toContain('awaitingOtp_any -->|"timers.resume (re-entered)"| awaitingOtp_start');
    // Every transition shows: with a distinct count each, every count appears exactly once.
    const counted = machineFlowchart({ coverage: distinctCounts() });
    transitions.forEach((transition, i) => {
      const occurrences = counted.split(`· ${2000 + i} paths`).length - 1;
      expect(occurrences, transition.id).toBe(transition.target.length || 1);
    });
  });

  it('puts each count in its label, colours states by bucket and edges by linkStyle', () => {
    const some = (id: string) => transitions.find((transition) => transition.id.startsWith(id))?.id ?? id;
    const sent = some('sending: done requestOtp');
    const paths = [
      fakePath('a', 'restoring', [
        ['idle', [some('restoring: done loadSession [guard 1]')]],
        ['sending', [some('idle: login.phone [isPhoneLoginValid]')]],
        ['awaitingOtp.cooldown', [sent]],
      ]),
      fakePath('b', 'restoring', [
        ['idle', [some('restoring: done loadSession [guard 1]')]],
        ['sending', [some('idle: login.phone [isPhoneLoginValid]')]],
        ['awaitingOtp.cooldown', [sent]],
      ]),
      fakePath('c', 'restoring', [
        ['idle', [some('restoring: done loadSession [guard 1]')]],
        ['sending', [some('idle: login.email [isEmailLoginValid]')]],
        ['awaitingOtp.cooldown', [sent]],
      ]),
    ];
    const counts = coverageCounts(paths);
    expect(counts.paths).toBe(3);
    expect(counts.states.idle).toBe(3);
    expect(counts.states.awaitingOtp).toBe(3);
    expect(counts.states['awaitingOtp.cooldown']).toBe(3);
    expect(counts.states['awaitingOtp.ready']).toBe(0);
    expect(counts.transitions[some('idle: login.phone [isPhoneLoginValid]')]).toBe(2);

    const text = machineFlowchart({ coverage: counts });
    expect(text).toContain('idle["idle<br/>3 paths"]');
    expect(text).toContain('awaitingOtp_ready["ready<br/>not covered"]');
    expect(text).toContain('subgraph awaitingOtp["awaitingOtp<br/>3 paths"]');
    expect(text).toContain('idle -->|"login.phone [isPhoneLoginValid] · 2 paths"| sending');
    expect(text).toContain('idle -->|"login.email [isEmailLoginValid] · 1 path"| sending');
    expect(text).toContain('sending -->|"done requestOtp · 3 paths"| awaitingOtp_start');
    expect(text).toMatch(/^ {2}class .*\bidle\b.* many$/m);
    expect(text).toMatch(/^ {2}class .*\bawaitingOtp_ready\b.* uncovered$/m);
    // The legend names the buckets.
    for (const legend of ['not covered', '1–2 paths', '3+ paths']) expect(text).toContain(`["${legend}"]`);

    const edges = edgeLines(text);
    const indexOf = (fragment: string) => edges.findIndex((line) => line.includes(fragment));
    expect(styledEdges(text, '#1e7a3c')).toContain(indexOf('done requestOtp · 3 paths'));
    expect(styledEdges(text, '#b7791f')).toContain(indexOf('login.phone [isPhoneLoginValid] · 2 paths'));
    expect(styledEdges(text, '#c62828')).toContain(indexOf('otp.resend [isResendValid] · not covered'));
    // Every transition edge is styled once; the initial dots' edges are not.
    const styled = [
      ...styledEdges(text, '#1e7a3c'),
      ...styledEdges(text, '#b7791f'),
      ...styledEdges(text, '#c62828'),
    ];
    const unstyled = edges.map((_, i) => i).filter((i) => !styled.includes(i));
    expect(new Set(styled).size).toBe(styled.length);
    expect(unstyled.map((i) => edges[i]?.trim())).toEqual([
      'start --> restoring',
      'awaitingOtp_start --> awaitingOtp_cooldown',
      'awaitingAuthenticator_start --> awaitingAuthenticator_typing',
      'authenticated_start --> authenticated_active',
    ]);
  });

  it('counts a path once per state and transition, however often it passes', () => {
    const taken = transitions[0]?.id ?? '';
    const counts = coverageCounts([
      fakePath('loop', 'restoring', [
        ['authenticated.active', [taken]],
        ['authenticated.refreshing', [taken]],
        ['authenticated.active', []],
      ]),
    ]);
    expect(counts.states.authenticated).toBe(1);
    expect(counts.states['authenticated.active']).toBe(1);
    expect(counts.transitions[taken]).toBe(1);
    expect(Object.keys(counts.states)).toEqual(states);
    expect(Object.keys(counts.transitions)).toEqual(transitions.map(({ id }) => id));
  });

  it('is deterministic', () => {
    expect(machineFlowchart()).toBe(machineFlowchart());
    const counts = distinctCounts();
    const shuffled: CoverageCounts = {
      paths: counts.paths,
      states: Object.fromEntries(Object.entries(counts.states).reverse()),
      transitions: Object.fromEntries(Object.entries(counts.transitions).reverse()),
    };
    expect(machineFlowchart({ coverage: shuffled })).toBe(machineFlowchart({ coverage: counts }));
  });
});

describe("the docs site's diagram (QA guide)", () => {
  const readme = fileURLToPath(new URL('../../../../docs/guide/qa.md', import.meta.url));

  it('is the machine as it is now', () => {
    expect(
      readReadmeDiagram(readme),
      'docs/guide/qa.md shows an outdated machine diagram: run `pnpm paths --update` to redraw it',
    ).toBe(readmeDiagram());
  });

  describe('updateReadmeDiagram', () => {
    let dir: string | undefined;
    afterEach(() => {
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('rewrites only the block between the markers', () => {
      dir = mkdtempSync(join(tmpdir(), 'readme-diagram-'));
      const file = join(dir, 'README.md');
      writeFileSync(
        file,
        '# Title\n\n<!-- machine-diagram:start -->\nold\n<!-- machine-diagram:end -->\n\nAfter.\n',
      );
      expect(updateReadmeDiagram(file)).toBe(true);
      expect(readFileSync(file, 'utf8')).toBe(
        `# Title\n\n<!-- machine-diagram:start -->\n${readmeDiagram()}\n<!-- machine-diagram:end -->\n\nAfter.\n`,
      );
      expect(updateReadmeDiagram(file)).toBe(false);
      expect(readReadmeDiagram(file)).toBe(readmeDiagram());
    });

    it('refuses a README without its markers', () => {
      dir = mkdtempSync(join(tmpdir(), 'readme-diagram-'));
      const file = join(dir, 'README.md');
      writeFileSync(file, '# Title\n');
      expect(() => updateReadmeDiagram(file)).toThrow(/machine-diagram:start/);
    });
  });
});
