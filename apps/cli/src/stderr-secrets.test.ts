import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMockDevClient, type MockServer, startMockServer } from '@verifik-auth/mock-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import { runCli, startCliInTerminal } from './test-helpers.js';

// Issue 9: stderr ends up in scrollback and CI logs, so it never holds the code, the authenticator code
// or the token, however the login fails. Each value below is distinctive, so a leak cannot hide.
const otp = '918273';
const authenticatorOtp = '564738';
const wrongOtp = '246801';
const planted = 'eyJhbGciOiJIUzI1NiJ9.eyJjYW5hcnkiOnRydWV9.c2VjcmV0LWNhbmFyeQ';
const secrets = [otp, authenticatorOtp, wrongOtp, planted, 'c2VjcmV0LWNhbmFyeQ'];
const jwt = /^[\w-]+\.[\w-]+\.[\w-]+\n$/;

const phone = ['--country-code', '+1', '--phone', '1234566663', '--otp-from-stdin'];
const twoFactorPhone = ['--country-code', '+57', '--phone', '3001234567', '--otp-from-stdin'];

function expectNoSecret(stderr: string, token?: string): void {
  for (const secret of [...secrets, ...(token ? [token.trim()] : [])]) expect(stderr).not.toContain(secret);
}

describe('verifik-login keeps secrets off stderr', () => {
  let mock: MockServer;
  beforeAll(async () => {
    mock = await startMockServer({
      port: 0,
      fixedOtp: otp,
      authenticatorOtp,
      resendCooldownMs: 0,
      clients: {
        phones: ['+1 1234566663', { countryCode: '+57', phone: 3001234567, requires2FA: true }],
      },
    });
  });
  beforeEach(async () => {
    await createMockDevClient(mock.url).reset();
  });
  afterAll(async () => {
    await mock.close();
  });
  const fault = (spec: Omit<Parameters<ReturnType<typeof createMockDevClient>['fault']>[0], 'route'>) =>
    createMockDevClient(mock.url).fault({ route: '/v2/projects/phone-login/confirm', ...spec });

  it('after a wrong code', async () => {
    const result = await runCli(['--api', mock.url, ...phone], `${wrongOtp}\n`);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('That code is not right.');
    expectNoSecret(result.stderr);
  });

  it.for([
    ['an error that echoes the codes and a token', { status: 500, body: echo() }],
    ['a refusal that echoes them', { status: 401, body: { code: 'Unauthorized', message: echo().message } }],
    ['a token in a body of the wrong shape', { status: 200, body: { data: { token: planted } } }],
    [
      'a token in a body that is not JSON',
      { status: 200, malformed: true, body: `<p>${planted} ${otp}</p>` },
    ],
    ['a dropped connection', { drop: true }],
  ] as const)('when the confirmation fails with %s', async ([, spec]) => {
    await fault(spec);

    const result = await runCli(['--api', mock.url, ...phone], `${otp}\n`);

    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expectNoSecret(result.stderr);
  });

  it('when the confirmation of a two-factor login fails, for either code', async () => {
    await fault({ status: 500, body: echo() });

    const result = await runCli(['--api', mock.url, ...twoFactorPhone], `${otp}\n${authenticatorOtp}\n`);

    expect(result.code).toBe(1);
    expectNoSecret(result.stderr);
  });

  it('when asking questions, after a server error and then a wrong code', async () => {
    await fault({ status: 500, body: echo() });

    const result = await runCli(
      ['--api', mock.url, '--country-code', '+1', '--phone', '1234566663'],
      `${otp}\n${wrongOtp}\n`,
    );

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('The login service had a problem.');
    expect(result.stderr).toContain('That code is not right.');
    expectNoSecret(result.stderr);
  });

  it('when the login succeeds: the token is on stdout only', async () => {
    const result = await runCli(['--api', mock.url, ...phone, '--json'], `${otp}\n`);

    expect(result.code).toBe(0);
    const { accessToken } = JSON.parse(result.stdout) as { accessToken: string };
    expectNoSecret(result.stderr, accessToken);
  });

  it('when the code is mistakenly given as an argument', async () => {
    const result = await runCli(['--api', mock.url, ...phone, otp], `${otp}\n`);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('takes no arguments without an option');
    expect(result.stderr).toContain('Run verifik-login --help for the options.');
    expectNoSecret(result.stderr);
    expect(result.stdout).not.toMatch(jwt);
  });
});

describe('verifik-login on a terminal', () => {
  let mock: MockServer;
  let directory: string;
  beforeAll(async () => {
    mock = await startMockServer({
      port: 0,
      fixedOtp: otp,
      authenticatorOtp,
      // Verifik's answers: the app's code is asked for on the authenticator step, after the code.
      clients: { phones: [{ countryCode: '+57', phone: 3001234567, authenticator: 'set-up' }] },
    });
    directory = await mkdtemp(join(tmpdir(), 'verifik-login-tty-'));
  });
  afterAll(async () => {
    await mock.close();
    await rm(directory, { recursive: true, force: true });
  });

  // As OpenSSH's "Verification code:" and the AWS CLI's MFA prompt do: the screen is scrollback.
  it('does not show the codes as they are typed', async () => {
    const out = join(directory, 'token');
    const cli = startCliInTerminal([
      '--api',
      mock.url,
      '--country-code',
      '+57',
      '--phone',
      '3001234567',
      '--out',
      out,
    ]);
    await cli.waitForStderr('Verification code: ');
    cli.writeLine(wrongOtp);
    await cli.waitForStderr('That code is not right.');
    await cli.waitForStderr('Verification code: ');
    cli.writeLine(otp);
    await cli.waitForStderr('Authenticator code: ');
    cli.writeLine(authenticatorOtp);
    const { code, stderr } = await cli.exited;

    expect(code).toBe(0);
    expect(stderr).toContain(`Token written to ${out}`);
    expectNoSecret(withoutEscapes(stderr), await readFile(out, 'utf8'));
  });
});

describe('verifik-login typed ahead', () => {
  it('does not show keys typed ahead while the code is being sent, before any question is open', async () => {
    const typedAhead = '864209';
    const mock = await startMockServer({ port: 0, fixedOtp: otp });
    onTestFinished(() => mock.close());
    // Long enough that the keys certainly arrive while the send is in flight, even on a loaded machine.
    await createMockDevClient(mock.url).fault({ route: '/v2/projects/phone-login', delayMs: 3_000 });
    const cli = startCliInTerminal(['--api', mock.url, '--country-code', '+1', '--phone', '1234566663']);
    await cli.waitForStderr('Sending…');
    cli.child.stdin.write(typedAhead);
    await cli.waitForStderr('Verification code: ');
    // The typed-ahead digits are the start of the code's line: finish it (a wrong code), then stop.
    cli.writeLine('');
    await cli.waitForStderr('That code is not right.');
    cli.child.kill('SIGINT');
    const { stderr } = await cli.exited;
    expect(withoutEscapes(stderr)).not.toContain(typedAhead);
  });
});

/** The text of a terminal transcript, without the escape sequences that move the cursor. */
function withoutEscapes(screen: string): string {
  return screen.replace(new RegExp(`${String.fromCharCode(27)}\\[[0-9;?]*[A-Za-z]`, 'g'), '');
}

/** An error body that repeats every secret a careless server might. */
function echo() {
  return {
    code: 'InternalServerError',
    message: `otp ${otp} authenticatorOTP ${authenticatorOtp} accessToken ${planted}`,
  };
}
