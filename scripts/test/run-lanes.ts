/**
 * Runs commands side by side, each line of their output prefixed with the lane's name, and fails when
 * any fails (after all have finished, so every failure is reported). `pnpm test` runs Vitest and the
 * checks that follow the build this way: one after the other they took over 27 minutes on the 2-core
 * machine, where Vitest's Chromium runs wait on pages while the checks wait on npm and compilers.
 *
 *   tsx scripts/test/run-lanes.ts "vitest run" "pnpm run check:built"
 */
import { spawn } from 'node:child_process';

const commands = process.argv.slice(2);
if (commands.length === 0) {
  console.error('usage: run-lanes.ts "<command>" ["<command>" ...]');
  process.exit(2);
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

const started = Date.now();
const results = await Promise.all(
  commands.map(
    (command) =>
      new Promise<{ command: string; code: number; seconds: number }>((resolve) => {
        const name = command.startsWith('pnpm run ')
          ? command.slice('pnpm run '.length)
          : command.split(' ')[0];
        const prefix = `[${name}] `;
        const child = spawn(command, { shell: true, stdio: ['ignore', 'pipe', 'pipe'] });
        const out = prefixer(prefix, (text) => process.stdout.write(text));
        const err = prefixer(prefix, (text) => process.stderr.write(text));
        child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
        child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
        child.on('close', (code, signal) => {
          out.end();
          err.end();
          const seconds = Math.round((Date.now() - started) / 1000);
          resolve({ command, code: code ?? (signal ? 1 : 0), seconds });
        });
      }),
  ),
);

for (const { command, code, seconds } of results) {
  console.log(`${code === 0 ? 'ok  ' : 'FAIL'} ${command} (exit ${code}, done after ${seconds} s)`);
}
process.exitCode = results.some(({ code }) => code !== 0) ? 1 : 0;
