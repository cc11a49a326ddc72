/**
 * The heap budget needs `global.gc`. Run without `--expose-gc` (as `pnpm bench` does through tsx), the
 * bench runs itself again in a child Node with the flag and the same loader flags, and exits with its code.
 */
import { spawnSync } from 'node:child_process';

const childMarker = 'VERIFIK_BENCH_GC_CHILD';

/** `global.gc`, or never returns: re-runs this process with `--expose-gc` and exits with the child's code. */
export function gcOrRespawn(): () => void {
  const { gc } = globalThis;
  if (typeof gc === 'function') return () => gc();
  if (process.env[childMarker]) throw new Error('--expose-gc was passed but global.gc is still missing');
  const [script, ...args] = process.argv.slice(1);
  if (!script) throw new Error('cannot tell which script to re-run with --expose-gc');
  const child = spawnSync(process.execPath, ['--expose-gc', ...process.execArgv, script, ...args], {
    stdio: 'inherit',
    env: { ...process.env, [childMarker]: '1' },
  });
  if (child.error) throw child.error;
  process.exit(child.status ?? 1);
}
