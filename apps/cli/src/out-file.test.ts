import { chmod, chown, mkdir, mkdtemp, open, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type MockServer, startMockServer } from '@verifik-auth/mock-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, startCli } from './test-helpers.js';

// Issue 9: the token is a 30-day key to a paid API, so `--out` writes it like a private key.
const phone = ['--country-code', '+1', '--phone', '1234566663'];
const scripted = [...phone, '--fixed-otp', '123456', '--otp-from-stdin'];
const jwt = /^[\w-]+\.[\w-]+\.[\w-]+\n$/;
const nobody = 65534;
const root = process.getuid?.() === 0;

let directory: string;
beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'verifik-login-out-'));
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

/**
 * A file that is not the caller's. As root (as in CI) one is made and given to `nobody`; otherwise a
 * file root owns stands in for it, since only root can give files away.
 */
async function fileOfAnotherUser(): Promise<{ path: string; uid: number; content: string }> {
  if (!root) {
    const path = '/etc/passwd';
    return { path, uid: (await stat(path)).uid, content: await readFile(path, 'utf8') };
  }
  const path = join(directory, 'planted-by-nobody');
  await writeFile(path, 'planted');
  await chmod(path, 0o644);
  await chown(path, nobody, nobody);
  return { path, uid: nobody, content: 'planted' };
}

describe.concurrent('verifik-login --out refuses before the login', () => {
  it('refuses a symbolic link, leaving the link and the file it points to alone', async () => {
    const victim = join(directory, 'victim-before');
    const link = join(directory, 'link-before');
    await writeFile(victim, 'precious');
    await symlink(victim, link);

    const result = await runCli([...scripted, '--out', link], '123456\n');

    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`--out ${link}: is a symbolic link`);
    expect(result.stderr).toContain('Remove the link or choose another file.');
    expect(result.stderr).not.toContain('[mock inbox]');
    expect(await readFile(victim, 'utf8')).toBe('precious');
  });

  it('refuses a file another user owns, leaving its content and owner as they were', async () => {
    const theirs = await fileOfAnotherUser();

    const result = await runCli([...scripted, '--out', theirs.path], '123456\n');

    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`--out ${theirs.path}: belongs to another user (uid ${theirs.uid})`);
    expect(result.stderr).toContain('Remove the file, or choose another name');
    expect(result.stderr).not.toContain('[mock inbox]');
    expect(await readFile(theirs.path, 'utf8')).toBe(theirs.content);
    expect((await stat(theirs.path)).uid).toBe(theirs.uid);
  });

  it.for([
    ['with a trailing slash', '/'],
    ['without one', ''],
  ])('refuses a folder (%s) instead of logging in and losing the token', async ([, slash]) => {
    const out = `${directory}${slash}`;

    const result = await runCli([...scripted, '--out', out], '123456\n');

    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`--out ${out}: `);
    expect(result.stderr).toContain('folder. Give a file name, e.g. --out ');
    expect(result.stderr).not.toContain('[mock inbox]');
  });

  it('refuses a file in a folder that does not exist', async () => {
    const out = join(directory, 'no-such-folder', 'token');

    const result = await runCli([...scripted, '--out', out], '123456\n');

    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      `--out ${out}: the folder ${join(directory, 'no-such-folder')} does not exist. Create it first`,
    );
    expect(result.stderr).not.toContain('[mock inbox]');
  });
});

describe.concurrent('verifik-login --out writes a fresh file', () => {
  it('creates a missing file with mode 0600, owned by the caller', async () => {
    const out = join(directory, 'new-token');

    const result = await runCli([...scripted, '--out', out], '123456\n');

    expect(result.code).toBe(0);
    const file = await stat(out);
    expect(file.mode & 0o777).toBe(0o600);
    expect(file.uid).toBe(process.getuid?.() ?? file.uid);
    expect(await readFile(out, 'utf8')).toMatch(jwt);
  });

  it('replaces an existing file of the caller’s: whoever opened it before the login never reads the token', async () => {
    const out = join(directory, 'opened-token');
    await writeFile(out, 'old');
    await chmod(out, 0o644);
    const openedBefore = await open(out, 'r');
    try {
      const result = await runCli([...scripted, '--out', out], '123456\n');

      expect(result.code).toBe(0);
      expect(await readFile(out, 'utf8')).toMatch(jwt);
      expect(await readFile(openedBefore, 'utf8')).toBe('old');
    } finally {
      await openedBefore.close();
    }
  });
});

describe('verifik-login --out when the file changes during the login', () => {
  let mock: MockServer;
  beforeAll(async () => {
    // No resend cooldown: each case asks the same phone for a code.
    mock = await startMockServer({ port: 0, fixedOtp: '123456', resendCooldownMs: 0 });
  });
  afterAll(async () => {
    await mock.close();
  });

  const plants: [string, (out: string) => Promise<void>, string][] = [
    [
      'a symbolic link',
      async (out) => {
        await writeFile(`${out}.victim`, 'precious');
        await symlink(`${out}.victim`, out);
      },
      'is a symbolic link',
    ],
    ['a folder', (out) => mkdir(out), 'is a folder'],
  ];

  it.for(plants)(
    'does not write into %s planted while the code is typed: the token goes to stdout',
    async ([, plant, problem]) => {
      const out = join(directory, `planted-${problem.replaceAll(' ', '-')}`);
      const cli = startCli(['--api', mock.url, ...phone, '--out', out]);
      await cli.waitForStderr('Verification code: ');
      await plant(out);
      cli.writeLine('123456');
      const { code, stdout, stderr } = await cli.exited;

      expect(code).toBe(1);
      expect(stdout).toMatch(jwt);
      expect(stderr).toContain(`Signed in, but the token was not written: --out ${out}: ${problem}`);
      expect(stderr).toContain('The token was printed on stdout instead.');
      expect(stderr).not.toContain(stdout.trim());
      if (problem === 'is a symbolic link') expect(await readFile(`${out}.victim`, 'utf8')).toBe('precious');
      else expect((await stat(out)).isDirectory()).toBe(true);
    },
  );
});
