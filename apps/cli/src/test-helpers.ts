import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The package folder: the binary runs from here, as `pnpm login` would run it. */
export const cliRoot = fileURLToPath(new URL('..', import.meta.url));

export interface CliExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** A running `verifik-login`, driven through its real stdin, stdout and stderr. */
export interface CliProcess {
  child: ChildProcessWithoutNullStreams;
  readonly stdout: string;
  readonly stderr: string;
  /**
   * Resolves once stderr shows `text` after the previous match, so the same prompt can be awaited
   * again; rejects with what stderr held after `timeoutMs` (10 s) counted from the call or from the
   * process's first output, whichever is later: starting up is {@link startupAllowanceMs}'s, not the wait's.
   */
  waitForStderr(text: string | RegExp, timeoutMs?: number): Promise<void>;
  /** Types one line. */
  writeLine(line: string): void;
  exited: Promise<CliExit>;
}

/**
 * Spawns the real binary from source (`node --import tsx --conditions=@verifik-auth/source src/bin.ts`): one process,
 * so signals reach it directly. Colour is off so tests read plain text.
 */
export function startCli(args: readonly string[], env: NodeJS.ProcessEnv = {}): CliProcess {
  return startNode([...binary, ...args], { cwd: cliRoot, env });
}

/** Spawns `node` with `nodeArgs` (flags, a script, its arguments) in `cwd`, colour off, like {@link startCli}. */
export function startNode(
  nodeArgs: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv },
): CliProcess {
  const child = spawn(process.execPath, nodeArgs, {
    cwd: options.cwd,
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    stdio: 'pipe',
  });
  return drive(child, 'stderr');
}

const binary = ['--import', 'tsx', '--conditions=@verifik-auth/source', 'src/bin.ts'];

/** `value` as one word for `sh`. */
function shellWord(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/**
 * Spawns the binary on a real terminal, for what happens only on one (typed characters echoed back):
 * util-linux `script` (in every Debian and Ubuntu) runs it on a pseudo-terminal. A terminal shows
 * stdout and stderr as one screen: here it all reads as `stderr`, and `stdout` stays empty. With
 * `stdoutTo`, stdout is redirected to that file instead, as `verifik-login > token.json` on a terminal.
 */
export function startCliInTerminal(
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
  { stdoutTo }: { stdoutTo?: string } = {},
): CliProcess {
  const words = [process.execPath, ...binary, ...args].map(shellWord);
  const command = [...words, ...(stdoutTo === undefined ? [] : ['>', shellWord(stdoutTo)])].join(' ');
  const child = spawn('script', ['--quiet', '--return', '--command', command, '/dev/null'], {
    cwd: cliRoot,
    env: { ...process.env, NO_COLOR: '1', ...env },
    stdio: 'pipe',
  });
  return drive(child, 'stdout');
}

/**
 * How long a spawned CLI may take to say anything: node, tsx compiling the sources (no cache in a fresh
 * clone) and the built-in mock. Measured 3–4 s alone, 13–16 s for six cold starts at once on a loaded
 * 2-core machine, so a wait whose deadline included it failed there (a 1-second code's expiry prompt
 * not shown within 10 s). Vitest's `testTimeout` for the project leaves room for it.
 */
export const startupAllowanceMs = 40_000;

/** Tracks what `child` writes; `screen` is the stream read as the person's messages. */
function drive(child: ChildProcessWithoutNullStreams, screen: 'stdout' | 'stderr'): CliProcess {
  let stdout = '';
  let stderr = '';
  let cursor = 0;
  const spawnedAt = Date.now();
  /** When the process first wrote anything (it is up), or undefined until then. */
  let firstOutputAt: number | undefined;
  const listeners = new Set<() => void>();
  const onScreen = (chunk: string) => {
    firstOutputAt ??= Date.now();
    stderr += chunk;
    for (const listener of listeners) listener();
  };
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    if (screen === 'stdout') onScreen(chunk);
    else {
      firstOutputAt ??= Date.now();
      stdout += chunk;
    }
  });
  child.stderr.setEncoding('utf8').on('data', onScreen);
  let closed = false;
  const exited = new Promise<CliExit>((resolve) => {
    child.on('close', (code, signal) => {
      closed = true;
      resolve({ code, signal, stdout, stderr });
      for (const listener of listeners) listener();
    });
  });

  function find(text: string | RegExp): number | undefined {
    const rest = stderr.slice(cursor);
    if (typeof text === 'string') {
      const at = rest.indexOf(text);
      return at === -1 ? undefined : cursor + at + text.length;
    }
    const match = new RegExp(text.source, text.flags.replace('g', '')).exec(rest);
    return match ? cursor + match.index + match[0].length : undefined;
  }

  return {
    child,
    get stdout() {
      return stdout;
    },
    get stderr() {
      return stderr;
    },
    waitForStderr(text, timeoutMs = 10_000) {
      const calledAt = Date.now();
      // Until the process is up, the wait has not started; it never waits past the allowance for that.
      const deadline = () => Math.max(calledAt, firstOutputAt ?? spawnedAt + startupAllowanceMs) + timeoutMs;
      return new Promise<void>((resolve, reject) => {
        const check = () => {
          const end = find(text);
          if (end !== undefined) {
            cursor = end;
            done();
            resolve();
          } else if (closed) {
            done();
            reject(new Error(`the CLI exited before stderr showed ${String(text)}; stderr:\n${stderr}`));
          }
        };
        const timer = setInterval(() => {
          if (Date.now() < deadline()) return;
          done();
          const started = firstOutputAt === undefined ? 'the CLI never started: ' : '';
          reject(new Error(`${started}stderr never showed ${String(text)}; it held:\n${stderr}`));
        }, 100);
        const done = () => {
          clearInterval(timer);
          listeners.delete(check);
        };
        listeners.add(check);
        check();
      });
    },
    writeLine(line) {
      child.stdin.write(`${line}\n`);
    },
    exited,
  };
}

/** Runs the binary with `input` on stdin (then end of input) and resolves when it exits. */
export function runCli(args: readonly string[], input = '', env?: NodeJS.ProcessEnv): Promise<CliExit> {
  const cli = startCli(args, env);
  cli.child.stdin.end(input);
  return cli.exited;
}
