import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createMockDevClient,
  type MockServer,
  startMockServer,
  verifikRoutes,
} from '@verifik-auth/mock-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli, startCli, startCliInTerminal } from './test-helpers.js';

// Issue 18: an account that must use an authenticator app gets, after its right code, Verifik's setup
// answer (key and QR code) or the request for the app's code. The key is a secret of the account: it is
// shown on a terminal only, never in stdout, an --out file, or the output of a script or a pipe.
const otp = '918273';
const authenticatorOtp = '564738';
const wrongAuthenticatorOtp = '135790';
const jwt = /^[\w-]+\.[\w-]+\.[\w-]+\n?$/;
const setupSentence = 'Your account also needs an authenticator app';
const wrongAuthenticatorCode = 'That authenticator code is not right. Enter the current one from your app.';

const needsSetupPhone = ['--country-code', '+57', '--phone', '3001234567'];
const setUpPhone = ['--country-code', '+57', '--phone', '3007654321'];
const needsSetupEmail = ['--email', 'ana@example.com'];
const setUpEmail = ['--email', 'bea@example.com'];

const clients = {
  phones: [
    { countryCode: '+57', phone: 3001234567, authenticator: 'needs-setup' },
    { countryCode: '+57', phone: 3007654321, authenticator: 'set-up' },
  ],
  emails: [
    { email: 'ana@example.com', authenticator: 'needs-setup' },
    { email: 'bea@example.com', authenticator: 'set-up' },
  ],
} as const;

let directory: string;
beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'verifik-login-2fa-'));
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

/** The key the mock shows `account` (e.g. `phone:+57 3001234567`), as the setup answer carries it. */
async function keyOf(mock: MockServer, account: string): Promise<string> {
  const entry = (await createMockDevClient(mock.url).authenticators()).find((a) => a.account === account);
  if (!entry) throw new Error(`no authenticator for ${account}`);
  return entry.secretKey;
}

async function stateOf(mock: MockServer, account: string): Promise<string | undefined> {
  return (await createMockDevClient(mock.url).authenticators()).find((a) => a.account === account)?.state;
}

/** The key in every form it could leak in: raw, and grouped by four as the terminal shows it. */
function keyForms(key: string): string[] {
  return [key, key.replace(/(.{4})(?=.)/g, '$1 ')];
}

function expectNoKey(text: string, key: string): void {
  for (const form of keyForms(key)) expect(text).not.toContain(form);
  expect(text).not.toContain('otpauth://');
}

/** The text of a terminal transcript, without the escape sequences that move the cursor. */
function withoutEscapes(screen: string): string {
  return screen.replace(new RegExp(`${String.fromCharCode(27)}\\[[0-9;?]*[A-Za-z]`, 'g'), '');
}

/** The next email confirm is answered with Verifik's setup 200 carrying a QR code but no key. */
async function qrOnlySetupOnce(mock: MockServer): Promise<void> {
  await createMockDevClient(mock.url).fault({
    route: verifikRoutes.emailConfirm,
    status: 200,
    body: {
      data: {
        message: 'You are required to setup the Google Authenticator first.',
        QRCode: 'data:image/png;base64,iVBORw0KGgo=',
      },
    },
  });
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

describe('verifik-login with an authenticator app', () => {
  let mock: MockServer;
  beforeAll(async () => {
    mock = await startMockServer({ port: 0, fixedOtp: otp, authenticatorOtp, resendCooldownMs: 0, clients });
  });
  beforeEach(async () => {
    // Every account back to its configured state: a login that set one up does not carry over.
    await createMockDevClient(mock.url).reset();
  });
  afterAll(async () => {
    await mock.close();
  });

  it('on a terminal, a first login shows the key and the otpauth:// line, asks again after a wrong app code, and writes only the token to --out', async () => {
    const key = await keyOf(mock, 'phone:+57 3001234567');
    const out = join(directory, 'setup-token');
    const cli = startCliInTerminal(['--api', mock.url, ...needsSetupPhone, '--out', out]);
    await cli.waitForStderr('Verification code: ');
    cli.writeLine(otp);
    await cli.waitForStderr(setupSentence);
    await cli.waitForStderr(`Key: ${keyForms(key)[1]}`);
    await cli.waitForStderr(`otpauth://totp/Verifik:%2B57%203001234567?secret=${key}&issuer=Verifik`);
    await cli.waitForStderr(/The code expires in \d+:\d\d\./);
    await cli.waitForStderr('Authenticator code: ');
    cli.writeLine(wrongAuthenticatorOtp);
    await cli.waitForStderr(wrongAuthenticatorCode);
    await cli.waitForStderr('Authenticator code: ');
    cli.writeLine(authenticatorOtp);
    const { code, stderr } = await cli.exited;

    expect(code).toBe(0);
    expect(stderr).toContain(`Token written to ${out}`);
    const written = await readFile(out, 'utf8');
    expect(written).toMatch(jwt);
    expectNoKey(written, key);
    // The codes are typed unseen, the app's as the one sent.
    const screen = withoutEscapes(stderr);
    for (const typed of [otp, authenticatorOtp, wrongAuthenticatorOtp]) expect(screen).not.toContain(typed);
    expect(await stateOf(mock, 'phone:+57 3001234567')).toBe('set-up');
  });

  it('on a terminal with stdout redirected and --json, the key is on the screen and not in the JSON', async () => {
    const key = await keyOf(mock, 'email:ana@example.com');
    const result = join(directory, 'setup-json');
    const cli = startCliInTerminal(
      ['--api', mock.url, ...needsSetupEmail, '--json'],
      {},
      { stdoutTo: result },
    );
    await cli.waitForStderr('Verification code: ');
    cli.writeLine(otp);
    await cli.waitForStderr(`otpauth://totp/Verifik:ana%40example.com?secret=${key}&issuer=Verifik`);
    await cli.waitForStderr('Authenticator code: ');
    cli.writeLine('');
    await cli.waitForStderr(
      'Authenticator code: This account also needs the code from your authenticator app.',
    );
    await cli.waitForStderr('Authenticator code: ');
    cli.writeLine('12');
    await cli.waitForStderr(/Authenticator code: .*digits/);
    await cli.waitForStderr('Authenticator code: ');
    cli.writeLine(authenticatorOtp);
    const { code } = await cli.exited;

    expect(code).toBe(0);
    const json = await readFile(result, 'utf8');
    expect(Object.keys(JSON.parse(json) as object)).toEqual(['accessToken', 'tokenType', 'expiresAt']);
    expectNoKey(json, key);
  });

  it('on a terminal, a later login asks for the app code, with the time left and the lost-authenticator line', async () => {
    const cli = startCliInTerminal(['--api', mock.url, ...setUpPhone]);
    await cli.waitForStderr('Verification code: ');
    cli.writeLine(otp);
    await cli.waitForStderr('Enter the 6-digit code from your authenticator app.');
    await cli.waitForStderr('Lost your authenticator?');
    await cli.waitForStderr(/The code expires in \d+:\d\d\./);
    await cli.waitForStderr('Authenticator code: ');
    cli.writeLine(authenticatorOtp);
    const { code, stderr } = await cli.exited;

    expect(code).toBe(0);
    expect(stderr).not.toContain('Key:');
    expect(stderr).not.toContain('otpauth://');
  });

  it('on a terminal, a setup answer with a QR code and no key says the terminal cannot show it, and asks for the app code', async () => {
    await qrOnlySetupOnce(mock);
    const cli = startCliInTerminal(['--api', mock.url, ...setUpEmail]);
    await cli.waitForStderr('Verification code: ');
    cli.writeLine(otp);
    await cli.waitForStderr('a terminal cannot show the QR code');
    await cli.waitForStderr('Authenticator code: ');
    cli.writeLine(authenticatorOtp);
    const { code, stderr } = await cli.exited;

    expect(code).toBe(0);
    expect(stderr).not.toContain('Key:');
    expect(stderr).not.toContain('data:image');
  });

  it('asking questions on a pipe: a setup answer with a QR code alone exits 3 too', async () => {
    await qrOnlySetupOnce(mock);
    const cli = startCli(['--api', mock.url, ...setUpEmail]);
    await cli.waitForStderr('Verification code: ');
    cli.writeLine(otp);
    const { code, stderr } = await cli.exited;

    expect(code).toBe(3);
    expect(stderr).toContain('This account must first set up an authenticator app');
    expect(stderr).not.toContain('data:image');
  });

  it('--otp-from-stdin: a first login exits 3, saying why, without the key anywhere', async () => {
    const key = await keyOf(mock, 'phone:+57 3001234567');
    const out = join(directory, 'script-token');
    const result = await runCli(
      ['--api', mock.url, ...needsSetupPhone, '--otp-from-stdin', '--json', '--out', out],
      `${otp}\n`,
    );

    expect(result.code).toBe(3);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('This account must first set up an authenticator app');
    expect(result.stderr).toContain('terminal');
    expectNoKey(result.stderr, key);
    expect(await exists(out)).toBe(false);
    expect(await stateOf(mock, 'phone:+57 3001234567')).toBe('needs-setup');
  });

  it('--otp-from-stdin: a first login exits 3 even with an app code on the next line (email)', async () => {
    const key = await keyOf(mock, 'email:ana@example.com');
    const result = await runCli(
      ['--api', mock.url, ...needsSetupEmail, '--otp-from-stdin'],
      `${otp}\n${authenticatorOtp}\n`,
    );

    expect(result.code).toBe(3);
    expect(result.stdout).toBe('');
    expectNoKey(result.stderr, key);
  });

  it('asking questions on a pipe: a first login exits 3 without the key', async () => {
    const key = await keyOf(mock, 'phone:+57 3001234567');
    const cli = startCli(['--api', mock.url, ...needsSetupPhone]);
    await cli.waitForStderr('Verification code: ');
    cli.writeLine(otp);
    const { code, stdout, stderr } = await cli.exited;

    expect(code).toBe(3);
    expect(stdout).toBe('');
    expect(stderr).toContain('This account must first set up an authenticator app');
    expectNoKey(stderr, key);
  });

  it('asking questions on a pipe: a later login asks for the app code', async () => {
    const cli = startCli(['--api', mock.url, ...setUpEmail]);
    await cli.waitForStderr('Verification code: ');
    cli.writeLine(otp);
    await cli.waitForStderr('Authenticator code: ');
    cli.writeLine(wrongAuthenticatorOtp);
    await cli.waitForStderr(wrongAuthenticatorCode);
    await cli.waitForStderr('Authenticator code: ');
    cli.writeLine(authenticatorOtp);
    const { code, stdout } = await cli.exited;

    expect(code).toBe(0);
    expect(stdout).toMatch(jwt);
  });

  it('--otp-from-stdin: a later login reads the app code from the lines after the code, a wrong one then the next', async () => {
    const result = await runCli(
      ['--api', mock.url, ...setUpEmail, '--otp-from-stdin'],
      `${otp}\n${wrongAuthenticatorOtp}\n${authenticatorOtp}\n`,
    );

    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(jwt);
    expect(result.stderr.split(wrongAuthenticatorCode)).toHaveLength(2);
    expect(result.stderr).not.toContain('Authenticator code:');
  });

  it('--otp-from-stdin: a later phone login sends the app code with the code, as requires2FA hints', async () => {
    const result = await runCli(
      ['--api', mock.url, ...setUpPhone, '--otp-from-stdin'],
      `${otp}\n${authenticatorOtp}\n`,
    );

    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(jwt);
  });

  it('--otp-from-stdin: exits 3 when the input ends where the app code is needed', async () => {
    const result = await runCli(['--api', mock.url, ...setUpEmail, '--otp-from-stdin'], `${otp}\n`);

    expect(result.code).toBe(3);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('This account also needs the code from its authenticator app');
  });
});

describe('verifik-login when the code expires on the authenticator step', () => {
  let mock: MockServer;
  beforeAll(async () => {
    // Long enough to type both codes on a busy machine, short enough to wait out.
    mock = await startMockServer({
      port: 0,
      fixedOtp: otp,
      authenticatorOtp,
      otpTtlMs: 8_000,
      resendCooldownMs: 0,
      clients,
    });
  });
  afterAll(async () => {
    await mock.close();
  });

  it('offers a new code, as at the code prompt', async () => {
    const cli = startCli(['--api', mock.url, ...setUpEmail]);
    await cli.waitForStderr('Verification code: ');
    cli.writeLine(otp);
    await cli.waitForStderr('Authenticator code: ');
    await cli.waitForStderr('Your code expired.', 30_000);
    await cli.waitForStderr('Send a new code? [Y/n] ');
    cli.writeLine('y');
    await cli.waitForStderr('Verification code: ');
    cli.writeLine(otp);
    await cli.waitForStderr('Authenticator code: ');
    cli.writeLine(authenticatorOtp);
    const { code, stdout } = await cli.exited;

    expect(code).toBe(0);
    expect(stdout).toMatch(jwt);
  });

  it('exits 1 in a script, as at the code prompt', async () => {
    const cli = startCli(['--api', mock.url, ...setUpEmail, '--otp-from-stdin']);
    // The input stays open: the app code never comes, and the code expires meanwhile.
    cli.writeLine(otp);
    const { code, stderr } = await cli.exited;

    expect(code).toBe(1);
    expect(stderr).toContain('The code expired before a valid one was read.');
  });
});
