import { parseArgs } from 'node:util';
import { getCoverage, getLoginPaths } from './catalogue.js';
import { formatCoverage, formatGherkin, formatJson, formatMarkdown } from './format.js';
import type { LoginPath, PathStrategy } from './path.types.js';

/** The `--help` text of `verifik-paths`. */
export const usage = `Usage: verifik-paths [options]

The login machine's generated path tests (see @verifik-auth/testing).

Output (default: a Markdown table of id, description and steps):
      --json                 the paths as JSON, with every step's action and expected state
      --gherkin              the paths as a Gherkin feature, one scenario a path
      --coverage             path counts and states/transitions covered; exits with 1 when some
                             state or transition is not reached (with --json: the figures as JSON)
Options:
      --strategy <name>      shortest, simple or all (default all)
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
  all: ['shortest', 'simple'],
};

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
  if (values.json && values.gherkin) {
    io.err(`Choose one of --json and --gherkin.\n\n${usage}`);
    return 2;
  }
  const paths: LoginPath[] = chosen.flatMap((strategy) => getLoginPaths({ strategy }));
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
      strategy: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  });
}
