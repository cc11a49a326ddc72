import { spawn } from 'node:child_process';

/** A command of a lane: what runs, and the name its output lines carry. */
export interface Step {
  name: string;
  command: string;
}

/** Writes `chunk` line by line with `prefix`, keeping an unfinished line for the next chunk. */
function prefixer(prefix: string, write: (text: string) => void) {
  let pending = '';
  return {
    push(chunk: Buffer) {
      const lines = (pending + chunk.toString('utf8')).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) write(`${prefix}${line}\n`);
    },
    end() {
      if (pending) write(`${prefix}${pending}\n`);
      pending = '';
    },
  };
}

/** Runs one command in a shell, its output prefixed when `prefix` is set; resolves with its exit code. */
export function runStep(step: Step, options: { prefix?: boolean; env?: NodeJS.ProcessEnv } = {}) {
  return new Promise<number>((resolve) => {
    const env = { ...process.env, ...options.env };
    if (!options.prefix) {
      const child = spawn(step.command, { shell: true, stdio: 'inherit', env });
      child.on('close', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
      return;
    }
    const child = spawn(step.command, { shell: true, stdio: ['ignore', 'pipe', 'pipe'], env });
    const out = prefixer(`[${step.name}] `, (text) => process.stdout.write(text));
    const err = prefixer(`[${step.name}] `, (text) => process.stderr.write(text));
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('close', (code, signal) => {
      out.end();
      err.end();
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

/** What a step did: its exit code (null when an earlier step of its lane failed) and time. */
export interface StepResult {
  step: Step;
  code: number | null;
  seconds: number;
}

/**
 * Runs lanes side by side, each a list of steps one after the other (a lane stops at its first
 * failure), output prefixed by step when more than one lane runs. Resolves once every lane ended.
 */
export async function runLanes(
  lanes: readonly (readonly Step[])[],
  env?: NodeJS.ProcessEnv,
): Promise<StepResult[]> {
  const prefix = lanes.length > 1;
  const perLane = await Promise.all(
    lanes.map(async (lane) => {
      const results: StepResult[] = [];
      let failed = false;
      for (const step of lane) {
        if (failed) {
          results.push({ step, code: null, seconds: 0 });
          continue;
        }
        const started = Date.now();
        const code = await runStep(step, { prefix, env });
        results.push({ step, code, seconds: Math.round((Date.now() - started) / 1000) });
        failed = code !== 0;
      }
      return results;
    }),
  );
  return perLane.flat();
}

/** One line per step: ok/FAIL/not run, its time. */
export function summary(results: readonly StepResult[]): string {
  return results
    .map(({ step, code, seconds }) => {
      const status = code === null ? 'skip' : code === 0 ? 'ok  ' : 'FAIL';
      return `${status} ${String(seconds).padStart(4)} s  ${step.name}`;
    })
    .join('\n');
}
