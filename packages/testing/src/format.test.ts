import { describe, expect, it } from 'vitest';
import { getCoverage, getLoginPaths, loadCatalogue } from './catalogue.js';
import { main } from './cli.js';
import {
  formatCountdown,
  formatCoverage,
  formatDuration,
  formatGherkin,
  formatJson,
  formatMarkdown,
  parseDuration,
} from './format.js';

const paths = getLoginPaths();

function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = main(args, { out: (text) => out.push(text), err: (text) => err.push(text) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const committed = loadCatalogue().paths;
const outline = committed.find((path) => path.examples?.length);
const byId = (id: string) => {
  const path = committed.find((candidate) => candidate.id === id);
  if (!path) throw new Error(`no path ${id} in the catalogue`);
  return path;
};

describe('formatDuration and parseDuration', () => {
  it('write durations in words and read them back', () => {
    expect(formatDuration(120_000)).toBe('2 min');
    expect(formatDuration(691_200_000)).toBe('8 d');
    expect(formatDuration(2_147_483_647)).toBe('24 d 20 h 31 min 23 s 647 ms');
    expect(formatDuration(-60_000)).toBe('1 min');
    expect(formatDuration(0)).toBe('0 s');
    for (const ms of [5_000, 120_000, 86_370_000, 2_147_483_647])
      expect(parseDuration(formatDuration(ms))).toBe(ms);
    expect(() => parseDuration('2 minutes')).toThrow('not a duration');
    expect(formatCountdown(600)).toBe('10:00');
    expect(formatCountdown(5)).toBe('0:05');
  });
});

describe('formatMarkdown', () => {
  it('is a table of id, tags, description and numbered steps, one row a path', () => {
    const lines = formatMarkdown(committed).split('\n');
    expect(lines[0]).toBe('| id | tags | description | steps |');
    expect(lines).toHaveLength(committed.length + 2);
    expect(lines[2]).toMatch(/^\| \S+ \| shortest( [a-z-]+)* \| .+ \| 1\. .+ → \w+/);
  });

  it('shows what each step leads to: state, error, requests, aborts, storage', () => {
    const markdown = formatMarkdown(committed);
    expect(markdown).toContain(
      '2. the user enters a valid phone number → sending (busy; for +1 ••• ••• 6663) · ⇢ POST /v2/projects/phone-login with {"countryCode":"+1","phone":"1234566663","type":"login"}',
    );
    expect(markdown).toMatch(/→ idle \(error insufficient_credits; for \+1 ••• ••• 6663\)/);
    expect(markdown).toContain('· ✕ GET /v2/auth/session; storage clear');
    expect(markdown).toContain('1. the storage holds no session → idle · stored: nothing');
  });

  it("lists a scenario outline's other answers after its steps", () => {
    if (!outline) throw new Error('the catalogue has no scenario outline');
    const row = formatMarkdown([outline]).split('\n')[2] ?? '';
    const last = outline.steps.length;
    expect(row.split(`<br>or ${last}. `)).toHaveLength((outline.examples?.length ?? 0) + 1);
  });
});

describe('formatGherkin', () => {
  const feature = formatGherkin(committed);

  it('writes one scenario a path, a scenario outline for a path with examples', () => {
    expect(feature.startsWith('Feature: ')).toBe(true);
    const outlines = committed.filter((path) => path.examples?.length).length;
    expect(outlines).toBeGreaterThan(0);
    expect(feature.match(/^ {2}Scenario: /gm)).toHaveLength(committed.length - outlines);
    expect(feature.match(/^ {2}Scenario Outline: /gm)).toHaveLength(outlines);
    expect(feature.match(/^ {4}Examples:$/gm)).toHaveLength(outlines);
  });

  it('tags each scenario with its strategy, its requirements and its id', () => {
    for (const path of committed) {
      const tags = [`@${path.strategy}`, ...path.tags.map((tag) => `@${tag}`), `@id:${path.id}`].join(' ');
      expect(feature).toContain(`\n  ${tags}\n  Scenario`);
    }
    expect(feature).toContain('@page-cannot-drive');
  });

  it('states the setup once, in a Background', () => {
    expect(feature).toContain(`  Background:
    Given the clock reads "2030-01-01T00:00:00.000Z"
    And a code lives 10 min
    And a new code may be asked for 2 min after the last one
    And a session is refreshed 1 d before it expires
    And a code is never stored
`);
  });

  it('writes a path in plain words with its values quoted: what happens, what the page shows, requests, storage', () => {
    const [scenario] = formatGherkin([byId('empty.phone.sent.right-code.accepted')])
      .split('\n\n')
      .slice(2);
    expect(scenario).toBe(`  @shortest @code @phone @signed-in @id:empty.phone.sent.right-code.accepted
  Scenario: empty.phone.sent.right-code.accepted: the code is accepted (confirming → authenticated.active)
    Given no session is stored
    When I open the page
    Then I see the "idle" step
    And nothing is stored
    When I enter the phone number "+1" "1234566663"
    Then I see the "sending" step
    And the page is busy
    And the login is for "+1 ••• ••• 6663"
    And the API received POST /v2/projects/phone-login with {"countryCode":"+1","phone":"1234566663","type":"login"}
    When the code is sent
    Then I see the "awaitingOtp" step in state "awaitingOtp.cooldown"
    And the login is for "+1 ••• ••• 6663"
    And I can ask for a new code in 2:00
    And the code expires in 10:00
    When I enter the code "123456"
    Then I see the "confirming" step
    And the page is busy
    And the login is for "+1 ••• ••• 6663"
    And the code expires in 10:00
    And the API received POST /v2/projects/phone-login/confirm with {"countryCode":"+1","phone":"1234566663","otp":"<right code>"}
    When the code is accepted
    Then I see the "authenticated" step in state "authenticated.active"
    And the login is for "+1 ••• ••• 6663"
    And I am signed in
    And the session is saved
`);
  });

  it('words time, clock jumps, reloads, other tabs and stored sessions', () => {
    expect(feature).toContain('When 2 min pass\n');
    expect(feature).toContain('When 1 min passes, before anything is due\n');
    expect(feature).toContain('And the code step stays while a new code is sent\n');
    expect(feature).toContain('When the device clock goes back 1 min\n');
    expect(feature).toContain('When the page reloads\n');
    expect(feature).toContain('When another tab logs in\n');
    expect(feature).toContain('When another tab logs out\n');
    expect(feature).toContain('Given a session issued 1 d ago that expires in 9 d is stored\n');
    expect(feature).toContain('Given a session issued 31 d ago that expired 1 d ago is stored\n');
    expect(feature).toContain('Given reading the stored session fails\n');
    expect(feature).toContain(
      'And I see "That code is not right. Check the latest message and try again."\n',
    );
    expect(feature).toContain('And I see 1 wrong attempt\n');
    expect(feature).toContain(
      'And the API received GET /v2/auth/session?origin=refresh with "Bearer <token>"\n',
    );
    expect(feature).toContain('And the page abandons GET /v2/auth/session\n');
    expect(feature).toContain('And the stored session is removed\n');
  });

  it('makes an outline of the answers to the last call, the varying parts as placeholders', () => {
    if (!outline) throw new Error('the catalogue has no scenario outline');
    const text = formatGherkin([outline]);
    expect(text).toMatch(/Scenario Outline: <id>: \w[\w ]* fails with <code> \(\S+ → \S+\)/);
    expect(text).toMatch(/\n {4}When [\w ]+ fails with "<code>"\n/);
    expect(text).toContain('And I see "<message>"');
    const rows = text
      .slice(text.indexOf('Examples:'))
      .trim()
      .split('\n')
      .slice(1)
      .map((row) => row.trim());
    expect(rows[0]).toMatch(/^\| id +\| code +\| message +\|$/);
    expect(rows).toHaveLength((outline.examples?.length ?? 0) + 2);
    expect(rows[1]).toContain(`| ${outline.id} `);
    for (const example of outline.examples ?? []) expect(text).toContain(`| ${outline.id}[${example.case}] `);
  });

  it('is the same text for the same paths', () => {
    expect(formatGherkin(committed)).toBe(feature);
    expect(formatMarkdown(committed)).toBe(formatMarkdown(committed));
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
        `^Paths: ${paths.length} \\(shortest ${paths.length}\\), \\d+ steps\nStates: 15/15 \\(100%\\)\nTransitions: (\\d+)/\\1 \\(100%\\)$`,
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
    for (const strategy of ['shortest', 'simple', 'journey'] as const) {
      const [first] = getLoginPaths({ strategy });
      expect(out).toContain(`| ${first?.id} | ${strategy}`);
    }
  });

  it('prints the coverage, and exits with 0 when everything is reached', () => {
    const { code, out } = run(['--coverage']);
    expect(code).toBe(0);
    expect(out).toMatch(/^Paths: \d+ \(shortest \d+, simple \d+, journey \d+\)/);
    expect(out).toContain('Transitions: ');
  });

  it('prints JSON and Gherkin, for one strategy when asked', () => {
    const json = JSON.parse(run(['--json', '--strategy', 'simple']).out);
    expect(json.paths.every((path: { strategy: string }) => path.strategy === 'simple')).toBe(true);
    expect(run(['--gherkin']).out).toContain('@shortest');
    expect(JSON.parse(run(['--coverage', '--json']).out).byStrategy.shortest).toBe(
      getLoginPaths({ strategy: 'shortest' }).length,
    );
  });

  it('refuses what it does not know, with the usage', () => {
    expect(run(['--strategy', 'longest'])).toMatchObject({ code: 2, err: expect.stringContaining('Usage:') });
    expect(run(['--yaml']).code).toBe(2);
    expect(run(['--json', '--gherkin']).code).toBe(2);
    expect(run(['--help'])).toMatchObject({ code: 0, out: expect.stringContaining('--gherkin') });
  });
});
