import { describe, expect, it } from 'vitest';
import { getCoverage, getLoginPaths } from './catalogue.js';
import { main } from './cli.js';
import { formatCoverage, formatGherkin, formatJson, formatMarkdown } from './format.js';

const paths = getLoginPaths();

function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = main(args, { out: (text) => out.push(text), err: (text) => err.push(text) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('formatMarkdown', () => {
  it('is a table of id, description and numbered steps, one row a path', () => {
    const lines = formatMarkdown(paths).split('\n');
    expect(lines[0]).toBe('| id | description | steps |');
    expect(lines).toHaveLength(paths.length + 2);
    expect(lines[2]).toMatch(/^\| shortest-001 \| .+ \| 1\. .+ → \w+/);
  });
});

describe('formatGherkin', () => {
  it('writes one scenario a path, with a When and a Then a step', () => {
    const feature = formatGherkin(paths);
    expect(feature.startsWith('Feature: ')).toBe(true);
    expect(feature.match(/^ {2}Scenario: /gm)).toHaveLength(paths.length);
    const steps = paths.reduce((count, path) => count + path.steps.length, 0);
    expect(feature.match(/^ {4}When /gm)).toHaveLength(steps);
    expect(feature).toContain('Then the login is in "idle" with error "server"');
  });
});

describe('formatJson', () => {
  it('holds the paths and the coverage', () => {
    const parsed = JSON.parse(formatJson(paths, getCoverage(paths)));
    expect(parsed.paths).toEqual(paths);
    expect(parsed.coverage.transitions.missing).toEqual([]);
    expect(parsed.machineOptions.resendCooldownMs).toBe(120_000);
  });
});

describe('formatCoverage', () => {
  it('prints the counts and the covered/total figures, and names what is missing', () => {
    const coverage = getCoverage(paths);
    expect(formatCoverage(coverage, { shortest: paths.length })).toMatch(
      new RegExp(
        `^Paths: ${paths.length} \\(shortest ${paths.length}\\), \\d+ steps\nStates: 11/11 \\(100%\\)\nTransitions: (\\d+)/\\1 \\(100%\\)$`,
      ),
    );
    const partial = formatCoverage(getCoverage(paths.slice(0, 3)));
    expect(partial).toMatch(/Transitions: \d+\/\d+ \(\d+(\.\d)?%\)/);
    expect(partial).toContain('not reached: awaitingOtp');
  });
});

describe('verifik-paths', () => {
  it('prints the whole catalogue as Markdown by default', () => {
    const { code, out } = run([]);
    expect(code).toBe(0);
    expect(out).toContain('| shortest-001 |');
    expect(out).toContain('| simple-001 |');
  });

  it('prints the coverage, and exits with 0 when everything is reached', () => {
    const { code, out } = run(['--coverage']);
    expect(code).toBe(0);
    expect(out).toMatch(/^Paths: \d+ \(shortest \d+, simple \d+\)/);
    expect(out).toContain('Transitions: ');
  });

  it('prints JSON and Gherkin, for one strategy when asked', () => {
    const json = JSON.parse(run(['--json', '--strategy', 'simple']).out);
    expect(json.paths.every((path: { strategy: string }) => path.strategy === 'simple')).toBe(true);
    expect(run(['--gherkin']).out).toContain('@shortest');
    expect(JSON.parse(run(['--coverage', '--json']).out).byStrategy.shortest).toBe(paths.length);
  });

  it('refuses what it does not know, with the usage', () => {
    expect(run(['--strategy', 'longest'])).toMatchObject({ code: 2, err: expect.stringContaining('Usage:') });
    expect(run(['--yaml']).code).toBe(2);
    expect(run(['--json', '--gherkin']).code).toBe(2);
    expect(run(['--help'])).toMatchObject({ code: 0, out: expect.stringContaining('--gherkin') });
  });
});
