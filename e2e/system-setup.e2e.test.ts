import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { findChromium } from '../scripts/system/programs.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const run = promisify(execFile);

/** Runs `scripts/system/setup.ts` (the first step of `pnpm test`) with the given environment. */
async function setup(env: NodeJS.ProcessEnv) {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'scripts/system/setup.ts'], {
      cwd: root,
      env: { ...process.env, ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('the test command’s system setup', () => {
  it('names the Chromium it found', async () => {
    const chromium = findChromium();
    const result = await setup({ CHROMIUM_PATH: chromium });
    expect(result).toMatchObject({
      code: 0,
      stdout: expect.stringContaining(`setup: Chromium: ${chromium}`),
    });
  });

  it('stops at once with instructions when the Chromium the user chose is not there, installing nothing', async () => {
    const result = await setup({ CHROMIUM_PATH: '/nowhere/chromium' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Chromium is needed by the end-to-end tests');
    expect(result.stderr).toContain('CHROMIUM_PATH is /nowhere/chromium, which is not an executable file');
    expect(result.stderr).toContain('apt-get install -y chromium');
    expect(result.stdout).not.toContain('installing');
  });

  it('refuses a Chromium that is executable but does not run (e.g. a snap stub in a container)', async () => {
    // /bin/false is executable and exits 1 for `--version`, as a broken browser install would.
    const result = await setup({ CHROMIUM_PATH: '/bin/false' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('/bin/false --version failed');
  });
});
