/**
 * Mutation runner: for each mutant of `mutants.ts`, a copy of `packages/core/src` with that one edit,
 * and each check (a set of Vitest test files) run against the copy. A check that fails kills the
 * mutant; one that passes lets it survive. Not part of `pnpm test`: run it with `pnpm mutants`.
 *
 *   pnpm mutants [--only <id,...>] [--check <name,...>] [--list] [--min <check>=<percent>]...
 *                [--timeout <seconds>]
 *
 * Before the mutants, a CONTROL (the unmutated copy) must pass every check and a SANITY mutant (a
 * `throw` at the top of login.machine.ts) must be killed by every check, and the redirect trace must
 * show the copy was loaded and the real source was not: otherwise the figures would mean nothing.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Mutant, mutantCategories, mutants } from './mutants.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const coreSrc = join(root, 'packages/core/src');
const mutantsDir = join(root, 'packages/core/.mutants');
const vitestBin = join(root, 'node_modules/vitest/vitest.mjs');
const vitestConfig = join(root, 'scripts/mutation/vitest.config.ts');

/** A set of test files that kills a mutant by failing. */
interface Check {
  name: string;
  description: string;
  /** Test files, relative to the repository root; globs allowed. */
  files: string[];
  /** The Vitest project those files belong to, for the record (the runner uses its own config). */
  project?: string;
}

// One line per check. public-types.test.ts is left out of core-unit: it type-checks the built dist
// (never the source), so no source mutant can reach it, and it costs ~9 s a run.
const checks: Check[] = [
  // The committed catalogue replayed on the mutated machine (paths, journeys, ignored events).
  {
    name: 'catalogue-replay',
    description: 'the committed catalogue replayed on the core driver, with the ignored-events table',
    files: ['packages/testing/src/catalogue.replay.test.ts'],
    project: 'testing',
  },
  // The mutated machine's catalogue compared with the committed one.
  {
    name: 'catalogue-diff',
    description: "the mutated machine's catalogue against the committed one (pnpm paths --check)",
    files: ['packages/testing/src/catalogue.diff.test.ts'],
    project: 'testing',
  },
  // The committed catalogue through the real client over HTTP against the mock, both modes.
  {
    name: 'client-replay',
    description:
      'the committed catalogue through the real client and the mock server, browser and server mode',
    files: ['packages/testing/src/client-replay.*.test.ts'],
    project: 'testing',
  },
  {
    name: 'core-unit',
    description: "the core package's hand-written tests (packages/core/src/**/*.test.ts, but public-types)",
    files: ['packages/core/src/**/*.test.ts', '!packages/core/src/public-types.test.ts'],
    project: 'core',
  },
];

type Status = 'killed' | 'survived' | 'timeout';

interface CheckResult {
  status: Status;
  seconds: number;
  /** The first failing test (or file), when killed. */
  failure?: string;
}

interface Options {
  only: string[] | null;
  checks: string[] | null;
  list: boolean;
  min: Array<{ check: string; percent: number }>;
  timeoutMs: number;
}

function fail(message: string): never {
  console.error(`\nmutants: ${message}`);
  process.exit(2);
}

function parseArgs(argv: string[]): Options {
  const options: Options = { only: null, checks: null, list: false, min: [], timeoutMs: 180_000 };
  const split = (value: string | undefined, flag: string) => {
    if (!value) fail(`${flag} needs a value`);
    return value
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean);
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? arg.split(/=(.*)/s) : [arg, undefined];
    const value = () => inline ?? argv[++i];
    if (flag === '--only') options.only = split(value(), flag);
    else if (flag === '--check') options.checks = split(value(), flag);
    else if (flag === '--list') options.list = true;
    else if (flag === '--timeout') options.timeoutMs = Number(value()) * 1000;
    else if (flag === '--min') {
      const raw = value() ?? '';
      const match = /^([\w-]+)=(\d+(?:\.\d+)?)%?$/.exec(raw);
      if (!match) fail(`--min takes <check>=<percent>, got "${raw}"`);
      options.min.push({ check: match[1] as string, percent: Number(match[2]) });
    } else if (flag === '--') continue;
    else fail(`unknown argument "${arg}" (try --list)`);
  }
  if (!Number.isFinite(options.timeoutMs) || options.timeoutMs <= 0) fail('--timeout takes seconds');
  return options;
}

/** Every mutant well formed, and its edit applicable to today's source; fails loudly otherwise. */
function validate(list: readonly Mutant[]) {
  const ids = new Set<string>();
  const problems: string[] = [];
  for (const mutant of list) {
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(mutant.id)) problems.push(`${mutant.id}: id is not kebab-case`);
    if (ids.has(mutant.id)) problems.push(`${mutant.id}: duplicate id`);
    ids.add(mutant.id);
    if (!mutantCategories.includes(mutant.category)) problems.push(`${mutant.id}: unknown category`);
    if (mutant.find === mutant.replace) problems.push(`${mutant.id}: replace equals find`);
    const path = join(root, mutant.file);
    if (!path.startsWith(`${coreSrc}/`) || !existsSync(path)) {
      problems.push(`${mutant.id}: ${mutant.file} is not a file of packages/core/src`);
      continue;
    }
    const count = readFileSync(path, 'utf8').split(mutant.find).length - 1;
    if (count !== 1) problems.push(`${mutant.id}: find occurs ${count} times in ${mutant.file}, not once`);
  }
  if (problems.length) fail(`bad mutants:\n  ${problems.join('\n  ')}`);
}

/** Copies the core's source to `.mutants/<name>/src` and applies `edit` there. */
function prepare(name: string, edit?: (copy: string) => void): string {
  const dir = join(mutantsDir, name);
  rmSync(dir, { recursive: true, force: true });
  const copy = join(dir, 'src');
  mkdirSync(dir, { recursive: true });
  cpSync(coreSrc, copy, { recursive: true });
  edit?.(copy);
  return copy;
}

function applyMutant(mutant: Mutant, copy: string) {
  const path = join(copy, relative(coreSrc, join(root, mutant.file)));
  const text = readFileSync(path, 'utf8');
  const parts = text.split(mutant.find);
  if (parts.length !== 2) fail(`${mutant.id}: find occurs ${parts.length - 1} times in ${mutant.file}`);
  writeFileSync(path, parts.join(mutant.replace));
}

/** Files under the root matching `pattern` (`*` within a folder, `**` across folders); Node 20 has no fs.glob. */
function globSync(pattern: string): string[] {
  const base = pattern.split('/').findIndex((part) => part.includes('*'));
  if (base === -1) return existsSync(join(root, pattern)) ? [pattern] : [];
  const dir = pattern.split('/').slice(0, base).join('/');
  const literal = (text: string) => text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  const source = pattern
    .split('**/')
    .map((part) => part.split('*').map(literal).join('[^/]*'))
    .join('(?:.*/)?');
  const regex = new RegExp(`^${source}$`);
  return readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
    .map((file) => `${dir}/${file.split('\\').join('/')}`)
    .filter((file) => regex.test(file));
}

function testFiles(check: Check): string[] {
  const include = check.files.filter((pattern) => !pattern.startsWith('!'));
  const exclude = new Set(
    check.files.filter((pattern) => pattern.startsWith('!')).flatMap((pattern) => globSync(pattern.slice(1))),
  );
  const files = [...new Set(include.flatMap((pattern) => globSync(pattern)))]
    .filter((file) => !exclude.has(file))
    .sort();
  if (files.length === 0) fail(`check ${check.name} matches no test file`);
  return files;
}

interface Run extends CheckResult {
  output: string;
  trace: string[];
}

/** Runs one check against one copy, in its own process group, bounded in time. */
function runCheck(check: Check, copy: string, timeoutMs: number): Promise<Run> {
  const files = testFiles(check);
  const tag = `${relative(mutantsDir, dirname(copy))}.${check.name}`;
  const jsonFile = join(mutantsDir, `.${tag}.json`);
  const traceFile = join(mutantsDir, `.${tag}.trace`);
  rmSync(jsonFile, { force: true });
  rmSync(traceFile, { force: true });
  const started = Date.now();
  return new Promise((done) => {
    const child = spawn(
      process.execPath,
      [
        vitestBin,
        'run',
        '--config',
        vitestConfig,
        '--reporter=dot',
        '--reporter=json',
        `--outputFile.json=${jsonFile}`,
        '--bail=1',
        // Some core tests time real requests; on a loaded machine one can fail by chance. A test a
        // mutant breaks fails again, so a retry costs little and keeps flukes out of the figures.
        '--retry=1',
      ],
      {
        cwd: root,
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: {
          ...process.env,
          MUTANT_SRC: copy,
          MUTANT_TEST_FILES: files.join(','),
          MUTANT_TRACE: traceFile,
          NO_COLOR: '1',
          FORCE_COLOR: '0',
        },
      },
    );
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-20_000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      const seconds = Math.round((Date.now() - started) / 100) / 10;
      const trace = existsSync(traceFile) ? readFileSync(traceFile, 'utf8').split('\n').filter(Boolean) : [];
      rmSync(traceFile, { force: true });
      const failure = timedOut ? undefined : firstFailure(jsonFile, output);
      rmSync(jsonFile, { force: true });
      const status: Status = timedOut ? 'timeout' : code === 0 ? 'survived' : 'killed';
      done({ status, seconds, output, trace, ...(status === 'killed' && failure ? { failure } : {}) });
    });
  });
}

interface VitestJson {
  testResults?: Array<{
    name: string;
    status: string;
    message?: string;
    assertionResults?: Array<{ fullName: string; status: string; failureMessages?: string[] }>;
  }>;
}

/** The first failed test of a run, from Vitest's JSON report (or its output when there is none). */
function firstFailure(jsonFile: string, output: string): string | undefined {
  const short = (text: string) => text.split('\n')[0]?.slice(0, 200) ?? '';
  if (existsSync(jsonFile)) {
    try {
      const report = JSON.parse(readFileSync(jsonFile, 'utf8')) as VitestJson;
      for (const file of report.testResults ?? []) {
        const name = relative(root, file.name);
        const test = file.assertionResults?.find((result) => result.status === 'failed');
        if (test) return `${name} > ${test.fullName}: ${short(test.failureMessages?.[0] ?? '')}`;
        if (file.status === 'failed') return `${name}: ${short(file.message ?? 'failed')}`;
      }
    } catch {
      // fall through to the output
    }
  }
  const line = output.split('\n').find((text) => /FAIL|Error|failed/.test(text));
  return line ? short(line.trim()) : undefined;
}

const pad = (text: string, width: number) => text + ' '.repeat(Math.max(0, width - text.length));
const percent = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part / whole) * 1000) / 10);

async function main() {
  const options = parseArgs(process.argv.slice(2));
  validate(mutants);

  const selectedChecks = options.checks
    ? options.checks.map(
        (name) => checks.find((check) => check.name === name) ?? fail(`no check named "${name}"`),
      )
    : checks;
  const selected = options.only
    ? options.only.map((id) => mutants.find((mutant) => mutant.id === id) ?? fail(`no mutant "${id}"`))
    : mutants;
  for (const { check } of options.min) {
    if (!selectedChecks.some((c) => c.name === check)) fail(`--min names check "${check}", which is not run`);
  }

  if (options.list) {
    console.log(`${mutants.length} mutants:`);
    for (const mutant of mutants) {
      console.log(
        `  ${pad(mutant.id, 40)} ${pad(mutant.category, 20)} ${relative('packages/core/src', mutant.file)}`,
      );
      console.log(`  ${' '.repeat(40)} ${mutant.why}`);
    }
    console.log(`\nchecks:`);
    for (const check of checks) console.log(`  ${pad(check.name, 18)} ${check.description}`);
    return;
  }

  mkdirSync(mutantsDir, { recursive: true });
  const timeoutS = options.timeoutMs / 1000;

  // CONTROL: the unmutated copy passes every check, and only the copy was loaded.
  const control = prepare('control');
  for (const check of selectedChecks) {
    const run = await runCheck(check, control, options.timeoutMs);
    const leaks = run.trace.filter((line) => line.startsWith('leak '));
    const redirected = run.trace.filter((line) => line.startsWith('redirect ')).length;
    console.log(
      `control × ${check.name}: ${run.status} in ${run.seconds} s (${redirected} modules redirected)`,
    );
    if (run.status !== 'survived') {
      fail(
        `the unmutated copy does not pass "${check.name}" (${run.status}): fix the check or the tree first.\n${run.output.slice(-4000)}`,
      );
    }
    if (leaks.length) fail(`"${check.name}" loaded the real source, not the copy:\n  ${leaks.join('\n  ')}`);
    if (redirected === 0) fail(`"${check.name}" loaded nothing from the copy: the redirect does not work`);
  }
  rmSync(join(mutantsDir, 'control'), { recursive: true, force: true });

  // SANITY: a mutant no check can miss, if the checks really run the copy.
  const sanity = prepare('sanity', (copy) => {
    const path = join(copy, 'login.machine.ts');
    writeFileSync(path, `throw new Error('sanity mutant');\n${readFileSync(path, 'utf8')}`);
  });
  for (const check of selectedChecks) {
    const run = await runCheck(check, sanity, options.timeoutMs);
    console.log(`sanity × ${check.name}: ${run.status} in ${run.seconds} s`);
    if (run.status !== 'killed') {
      fail(`the sanity mutant survives "${check.name}": its tests do not run the mutated copy`);
    }
  }
  rmSync(join(mutantsDir, 'sanity'), { recursive: true, force: true });

  // Check by check, so that a long run has the fast check's figures early; results.json is rewritten
  // after every run (`complete: false` until the end).
  const results: Array<Mutant & { results: Record<string, CheckResult> }> = selected.map((mutant) => ({
    ...mutant,
    results: {},
  }));
  const file = join(mutantsDir, 'results.json');
  const save = (complete: boolean, scores?: unknown) =>
    writeFileSync(
      file,
      `${JSON.stringify(
        {
          complete,
          updatedAt: new Date().toISOString(),
          timeoutSeconds: timeoutS,
          checks: selectedChecks.map((check) => ({ ...check, testFiles: testFiles(check) })),
          ...(scores ? { scores } : {}),
          mutants: results,
        },
        null,
        2,
      )}\n`,
    );
  for (const check of selectedChecks) {
    for (const [index, result] of results.entries()) {
      const copy = prepare(result.id, (dir) => applyMutant(result, dir));
      const { status, seconds, failure } = await runCheck(check, copy, options.timeoutMs);
      rmSync(join(mutantsDir, result.id), { recursive: true, force: true });
      result.results[check.name] = { status, seconds, ...(failure ? { failure } : {}) };
      console.log(
        `[${check.name} ${index + 1}/${results.length}] ${result.id}: ${status} in ${seconds} s` +
          (failure ? `\n      ${failure}` : ''),
      );
      save(false);
    }
  }

  // The table and the scores.
  const idWidth = Math.max(...results.map((r) => r.id.length), 6) + 2;
  const cell = (result: CheckResult) => `${result.status} ${result.seconds.toFixed(1)}s`;
  console.log(`\n${pad('mutant', idWidth)}${selectedChecks.map((c) => pad(c.name, 22)).join('')}`);
  for (const result of results) {
    const cells = selectedChecks.map((c) =>
      pad(result.results[c.name] ? cell(result.results[c.name] as CheckResult) : '-', 22),
    );
    console.log(`${pad(result.id, idWidth)}${cells.join('')}`);
  }
  const scores: Record<string, { killed: number; timeout: number; total: number; percent: number }> = {};
  console.log('');
  for (const check of selectedChecks) {
    const statuses = results.map((r) => r.results[check.name]?.status);
    const killed = statuses.filter((s) => s === 'killed').length;
    const timeout = statuses.filter((s) => s === 'timeout').length;
    const score = percent(killed + timeout, results.length);
    scores[check.name] = { killed, timeout, total: results.length, percent: score };
    const seconds = results.map((r) => r.results[check.name]?.seconds ?? 0);
    const mean = seconds.reduce((a, b) => a + b, 0) / Math.max(1, seconds.length);
    console.log(
      `${check.name}: ${killed + timeout}/${results.length} = ${score} %` +
        (timeout ? ` (${timeout} by timeout after ${timeoutS} s)` : '') +
        ` — mean ${mean.toFixed(1)} s a run`,
    );
  }

  save(true, scores);
  console.log(`\nresults: ${relative(root, file)}`);

  let below = false;
  for (const { check, percent: wanted } of options.min) {
    const score = scores[check]?.percent ?? 0;
    if (score < wanted) {
      console.error(`${check}: ${score} % is below the required ${wanted} %`);
      below = true;
    }
  }
  process.exit(below ? 1 : 0);
}

await main();
