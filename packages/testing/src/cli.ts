import { existsSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { catalogueUrl, generateCatalogue, getCoverage, getLoginPaths, loadCatalogue } from './catalogue.js';
import { diffCatalogues } from './catalogue-diff.js';
import { formatCoverage, formatGherkin, formatJson, formatMarkdown } from './format.js';
import type { LoginPath, PathStrategy } from './path.types.js';
import { htmlReport } from './report/html.js';
import { readmeDiagram, readReadmeDiagram, updateReadmeDiagram } from './report/readme.js';

/** The `--help` text of `verifik-paths`. */
export const usage = `Usage: verifik-paths [options]

The login machine's generated path tests (see @verifik-auth/testing).

Output (default: a Markdown table of id, description and steps):
      --json                 the paths as JSON, with every step's action and expected state
      --gherkin              the paths as a Gherkin feature, one scenario a path
      --coverage             path counts and states/transitions covered; exits with 1 when some
                             state or transition is not reached (with --json: the figures as JSON)
      --update               regenerate the committed catalogue from the machine (login.paths.json
                             and its .md and .feature renderings) and print what changed
      --check                exit with 1 when the machine's catalogue differs from the committed one,
                             printing the differences
      --html <dir>           write an HTML report to <dir>: the machine as a diagram coloured by
                             coverage, every path, and the e2e results found in <dir>
Options:
      --strategy <name>      shortest, simple, journey or all (default all)
      --max-steps <n>        with --update/--check: model steps generation may take (default 100000)
      --timeout-ms <n>       with --update/--check: time generation may take (default 60000)
  -h, --help                 show this help
`;

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

const defaultIo: CliIo = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};

const strategies: Record<string, readonly PathStrategy[]> = {
  shortest: ['shortest'],
  simple: ['simple'],
  journey: ['journey'],
  all: ['shortest', 'simple', 'journey'],
};

/** The renderings committed beside the JSON, for review on GitHub. */
export const catalogueFiles = {
  json: catalogueUrl,
  markdown: new URL('login.paths.md', catalogueUrl),
  gherkin: new URL('login.paths.feature', catalogueUrl),
  /**
   * The docs site's QA guide in the repository, whose machine diagram `--update` keeps in step (absent
   * once published). Its markers are the README ones: the diagram lived in the README before the site.
   */
  readme: fileURLToPath(new URL('../../../docs/guide/qa.md', catalogueUrl)),
};

/** Whether this is the repository (not an installed package): only there is a QA guide diagram to keep. */
const hasReadmeDiagram = () => {
  if (!existsSync(catalogueFiles.readme)) return false;
  try {
    readReadmeDiagram(catalogueFiles.readme);
    return true;
  } catch {
    return false;
  }
};

function regenerate(
  values: { update?: boolean; 'max-steps'?: string; 'timeout-ms'?: string },
  io: CliIo,
): number {
  const limits = {
    ...(values['max-steps'] && { maxSteps: Number(values['max-steps']) }),
    ...(values['timeout-ms'] && { timeoutMs: Number(values['timeout-ms']) }),
  };
  let generated: ReturnType<typeof generateCatalogue>;
  try {
    generated = generateCatalogue(limits);
  } catch (error) {
    io.err(error instanceof Error ? error.message : String(error));
    return 1;
  }
  let changes: string[];
  try {
    changes = diffCatalogues(loadCatalogue(), generated);
  } catch {
    changes = ['no committed catalogue yet'];
  }
  if (hasReadmeDiagram() && readReadmeDiagram(catalogueFiles.readme) !== readmeDiagram()) {
    changes.push("docs/guide/qa.md: the machine's diagram changed");
  }
  if (!values.update) {
    if (changes.length === 0) {
      io.out('The committed catalogue matches the machine.');
      return 0;
    }
    io.err(`The machine's catalogue differs from the committed one:
${changes.join('\n')}

Review, then run pnpm paths --update.`);
    return 1;
  }
  writeFileSync(catalogueFiles.json, `${JSON.stringify(generated, null, 2)}\n`);
  writeFileSync(catalogueFiles.markdown, `${formatMarkdown(generated.paths)}\n`);
  writeFileSync(catalogueFiles.gherkin, formatGherkin(generated.paths));
  if (hasReadmeDiagram()) updateReadmeDiagram(catalogueFiles.readme);
  io.out(
    changes.length
      ? `Updated the catalogue:\n${changes.join('\n')}`
      : 'The catalogue was already up to date.',
  );
  return 0;
}

/** Runs `verifik-paths` with `args`; resolves to the exit code. */
export function main(args: readonly string[], io: CliIo = defaultIo): number {
  let values: ReturnType<typeof parse>['values'];
  try {
    values = parse(args).values;
  } catch (error) {
    io.err(`${error instanceof Error ? error.message : String(error)}\n\n${usage}`);
    return 2;
  }
  if (values.help) {
    io.out(usage);
    return 0;
  }
  const chosen = strategies[values.strategy ?? 'all'];
  if (!chosen) {
    io.err(`Unknown strategy "${values.strategy}": use shortest, simple or all.\n\n${usage}`);
    return 2;
  }
  if (values.update || values.check) return regenerate(values, io);
  if (values.json && values.gherkin) {
    io.err(`Choose one of --json and --gherkin.\n\n${usage}`);
    return 2;
  }
  const paths: LoginPath[] = chosen.flatMap((strategy) => getLoginPaths({ strategy }));
  if (values.html !== undefined) {
    io.out(`Wrote ${htmlReport(values.html, { paths })}`);
    return 0;
  }
  const coverage = getCoverage(paths);
  if (values.coverage) {
    const counts = Object.fromEntries(
      chosen.map((strategy) => [strategy, getLoginPaths({ strategy }).length]),
    );
    io.out(
      values.json
        ? JSON.stringify({ ...coverage, byStrategy: counts }, null, 2)
        : formatCoverage(coverage, counts),
    );
    return coverage.states.missing.length || coverage.transitions.missing.length ? 1 : 0;
  }
  io.out(
    values.json ? formatJson(paths, coverage) : values.gherkin ? formatGherkin(paths) : formatMarkdown(paths),
  );
  return 0;
}

function parse(args: readonly string[]) {
  return parseArgs({
    args: [...args],
    options: {
      json: { type: 'boolean' },
      gherkin: { type: 'boolean' },
      coverage: { type: 'boolean' },
      update: { type: 'boolean' },
      check: { type: 'boolean' },
      html: { type: 'string' },
      'max-steps': { type: 'string' },
      'timeout-ms': { type: 'string' },
      strategy: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  });
}
