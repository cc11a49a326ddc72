import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createVerifikClient } from '@verifik-auth/core';
import {
  createMockDevClient,
  type InboxMessage,
  type MockServer,
  startMockServer,
} from '@verifik-auth/mock-server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCli, startCli, startupAllowanceMs } from './test-helpers.js';

const phone = ['--country-code', '+1', '--phone', '1234566663'];
const jwt = /^[\w-]+\.[\w-]+\.[\w-]+\n$/;
const wrongCode = 'That code is not right. Check the latest message and try again.';
const wrongAuthenticatorCode = 'That authenticator code is not right. Enter the current one from your app.';

let directory: string;
beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'verifik-login-'));
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe.concurrent('verifik-login --otp-from-stdin (scripts)', () => {
  it('prints only the token on stdout and exits 0 with the built-in mock and a fixed code', async () => {
    const result = await runCli([...phone, '--fixed-otp', '123456', '--otp-from-stdin'], '123456\n');

    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(jwt);
    expect(result.stderr).toContain('[mock inbox] code 123456 sent to +1 ••• ••• 6663 via WhatsApp');
    expect(result.stderr).toContain(
      'We sent a code to +1 ••• ••• 6663 by WhatsApp. The code expires in 10:00.',
    );
    expect(result.stderr).not.toContain('Verification code:');
  });

  it('reads the next line after a wrong code', async () => {
    const result = await runCli(
      [...phone, '--fixed-otp', '123456', '--otp-from-stdin'],
      '000000\n12\n123456\n',
    );

    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(jwt);
    expect(result.stderr.split(wrongCode)).toHaveLength(2);
    expect(result.stderr).toContain('Verification code: Enter the code exactly as received: digits only.');
  });

  it('exits 1 when the input ends before a right code', async () => {
    const result = await runCli([...phone, '--fixed-otp', '123456', '--otp-from-stdin'], '000000\n');

    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(wrongCode);
    expect(result.stderr).toContain('The input ended before a valid code was read.');
  });

  it('prints the session as JSON with --json', async () => {
    const result = await runCli(
      ['--email', 'user@example.com', '--fixed-otp', '123456', '--otp-from-stdin', '--json'],
      '123456\n',
    );

    expect(result.code).toBe(0);
    const session = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(Object.keys(session)).toEqual(['accessToken', 'tokenType', 'expiresAt']);
    expect(session.tokenType).toBe('bearer');
    expect(new Date(String(session.expiresAt)).toISOString()).toBe(session.expiresAt);
    expect(result.stderr).toContain('[mock inbox] code 123456 sent to u•••@example.com via email');
  });

  it('writes the token to --out with mode 0600, narrowing an existing file, and prints where it went', async () => {
    const out = join(directory, 'token.json');
    await writeFile(out, 'old');
    await chmod(out, 0o644);

    const result = await runCli(
      [...phone, '--fixed-otp', '123456', '--otp-from-stdin', '--json', '--out', out],
      '123456\n',
    );

    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`Token written to ${out} (mode 0600)`);
    expect((await stat(out)).mode & 0o777).toBe(0o600);
    const session = JSON.parse(await readFile(out, 'utf8')) as { accessToken: string };
    expect(session.accessToken).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
  });

  it('exits 2 with the message for an invalid phone, before any request', async () => {
    const result = await runCli(['--country-code', '+1', '--phone', '12ab', '--otp-from-stdin']);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'Phone number: Use digits only: at least 4, and at most 15 with the country code.',
    );
    expect(result.stderr).not.toContain('[mock inbox]');
  });

  it('exits 1 when the code expires before a right one arrives', async () => {
    const cli = startCli([...phone, '--otp-ttl', '1', '--otp-from-stdin']);
    const { code, stderr } = await cli.exited;

    expect(code).toBe(1);
    expect(stderr).toContain(
      'The code expired before a valid one was read. Run verifik-login again for a new code.',
    );
  });

  it('exits 1 with the message when the service cannot be reached', async () => {
    const result = await runCli(['--api', 'http://127.0.0.1:9', ...phone, '--otp-from-stdin']);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'Could not reach the login service. Check your connection and try again.',
    );
  });

  it('speaks Spanish with --lang es', async () => {
    const result = await runCli(
      [...phone, '--fixed-otp', '123456', '--otp-from-stdin', '--lang', 'es'],
      '1\n',
    );

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'Enviamos un código a +1 ••• ••• 6663 por WhatsApp. El código vence en 10:00.',
    );
    expect(result.stderr).toContain(
      'Código de verificación: Escribe el código tal como lo recibiste: solo dígitos.',
    );
    expect(result.stderr).toContain('La entrada terminó antes de leer un código válido.');
  });
});

describe('verifik-login --api', () => {
  let mock: MockServer;
  const sent: InboxMessage[] = [];
  beforeAll(async () => {
    mock = await startMockServer({ port: 0, onMessage: (message) => sent.push(message) });
  });
  afterEach(async () => {
    sent.length = 0;
    // Faults a failed test left queued, and the resend cooldowns of the numbers used, go with it.
    await createMockDevClient(mock.url).reset();
  });
  afterAll(async () => {
    await mock.close();
  });

  it('logs in by email against a separately started server, with the code the person received', async () => {
    const cli = startCli(['--api', mock.url, '--email', 'ana@example.com', '--otp-from-stdin']);
    await cli.waitForStderr('We sent a code to a•••@example.com by email. The code expires in 10:00.');
    const [message] = sent;
    cli.child.stdin.end(`${message?.otp}\n`);
    const { code, stdout, stderr } = await cli.exited;

    expect(code).toBe(0);
    expect(stdout).toMatch(jwt);
    expect(stderr).not.toContain('mock');
    expect(message).toMatchObject({ method: 'email', email: 'ana@example.com' });
  });

  it('asks whether to try again after a server error, and does', async () => {
    await createMockDevClient(mock.url).fault({ route: '/v2/projects/phone-login', status: 500 });
    const cli = startCli(['--api', mock.url, '--country-code', '+57', '--phone', '3001234567']);
    await cli.waitForStderr('The login service had a problem. Please try again.');
    await cli.waitForStderr('Try again? [Y/n] ');
    cli.writeLine('y');
    await cli.waitForStderr('We sent a code to +57 ••• ••• 4567');
    cli.writeLine(sent[0]?.otp ?? '');
    const { code, stdout } = await cli.exited;

    expect(code).toBe(0);
    expect(stdout).toMatch(jwt);
  });

  it('asks for the phone again when Verifik could not validate it or finds no account for it', async () => {
    const dev = createMockDevClient(mock.url);
    await dev.fault({
      route: '/v2/projects/phone-login',
      status: 412,
      body: { code: 'PreconditionFailed', message: 'phone_could_not_be_validated' },
    });
    await dev.fault({
      route: '/v2/projects/phone-login',
      status: 404,
      body: { code: 'NotFound', message: 'user_not_found' },
    });
    const cli = startCli(['--api', mock.url, '--country-code', '+57', '--phone', '3001234560']);
    await cli.waitForStderr(
      'That phone number or email address could not be checked. Check it or try another.',
    );
    await cli.waitForStderr('Country code [+57]: ');
    cli.writeLine('');
    await cli.waitForStderr('Phone number: ');
    cli.writeLine('3001234561');
    await cli.waitForStderr('No account uses that phone number or email address.');
    await cli.waitForStderr('Country code [+57]: ');
    cli.writeLine('');
    await cli.waitForStderr('Phone number: ');
    cli.writeLine('3001234567');
    await cli.waitForStderr('We sent a code to +57 ••• ••• 4567');
    cli.writeLine(sent.at(-1)?.otp ?? '');
    const { code, stdout } = await cli.exited;

    expect(code).toBe(0);
    expect(stdout).toMatch(jwt);
  });

  it('exits 1 with the sentence when a send is refused this way, without asking again', async () => {
    await createMockDevClient(mock.url).fault({
      route: '/v2/projects/phone-login',
      status: 403,
      body: { code: 'Forbidden', message: 'gateway_not_enabled' },
    });
    const cli = startCli([
      '--api',
      mock.url,
      '--country-code',
      '+57',
      '--phone',
      '3001234567',
      '--gateway',
      'sms',
    ]);
    const { code, stderr } = await cli.exited;

    expect(code).toBe(1);
    expect(stderr).toContain(
      'A code could not be sent this way. Try another channel or contact the site owner.',
    );
    expect(stderr).not.toContain('Try again?');
  });

  it('exits 1 on a server error in a script', async () => {
    await createMockDevClient(mock.url).fault({ route: '/v2/projects/email-login', status: 500 });
    const result = await runCli(['--api', mock.url, '--email', 'ana@example.com', '--otp-from-stdin']);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('The login service had a problem. Please try again.');
  });

  it('reads the authenticator code from the next line for an account with two-factor login', async () => {
    const twoFactor = await startMockServer({
      port: 0,
      fixedOtp: '123456',
      authenticatorOtp: '654321',
      clients: { phones: [{ countryCode: '+57', phone: 3001234567, requires2FA: true }] },
    });
    try {
      const result = await runCli(
        ['--api', twoFactor.url, '--country-code', '+57', '--phone', '3001234567', '--otp-from-stdin'],
        '123456\n111111\n123456\n654321\n',
      );

      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(jwt);
      expect(result.stderr.split(wrongAuthenticatorCode)).toHaveLength(2);
    } finally {
      await twoFactor.close();
    }
  });

  it('--revoke-others signs out every other session of the account and writes the new token', async () => {
    const revoking = await startMockServer({ port: 0, fixedOtp: '123456', resendCooldownMs: 0 });
    try {
      // The same account signed in elsewhere: a script, another device.
      const device = createVerifikClient({ baseUrl: revoking.url });
      await device.requestEmailOtp({ email: 'ana@example.com' });
      const confirmed = await device.confirmEmailOtp({ email: 'ana@example.com', otp: '123456' });
      if (!('accessToken' in confirmed)) throw new Error('expected a session');
      const elsewhere = confirmed.accessToken;
      const out = join(directory, 'revoked.json');
      const result = await runCli(
        ['--api', revoking.url, '--email', 'ana@example.com', '--otp-from-stdin', '--revoke-others'].concat([
          '--json',
          '--out',
          out,
        ]),
        '123456\n',
      );

      expect(result.code).toBe(0);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain('Every other session of this account was signed out');
      const { accessToken } = JSON.parse(await readFile(out, 'utf8')) as { accessToken: string };
      expect(accessToken).not.toBe(elsewhere);
      await expect(device.refreshSession(elsewhere)).rejects.toMatchObject({ code: 'unauthorized' });
      await expect(device.refreshSession(accessToken)).resolves.toMatchObject({ tokenType: 'bearer' });
      const routes = (await createMockDevClient(revoking.url).requests()).map((record) => record.route);
      expect(routes.filter((route) => route === '/v2/auth/renew-and-revoke')).toHaveLength(1);
    } finally {
      await revoking.close();
    }
  });

  it('--revoke-others that fails exits 1 and writes no token', async () => {
    await createMockDevClient(mock.url).fault({ route: '/v2/auth/renew-and-revoke', status: 503 });
    const cli = startCli([
      '--api',
      mock.url,
      '--email',
      'bea@example.com',
      '--otp-from-stdin',
      '--revoke-others',
    ]);
    await cli.waitForStderr('We sent a code to b•••@example.com');
    cli.child.stdin.end(`${sent.at(-1)?.otp}\n`);
    const { code, stdout, stderr } = await cli.exited;

    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('The other sessions were not signed out');
    expect(stderr).toContain('The login service had a problem. Please try again.');
  });

  it('refuses a plain-http API with the client’s message and exits 2', async () => {
    const result = await runCli(['--api', 'http://api.example.com', ...phone, '--otp-from-stdin']);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('it must use https://');
  });
});

describe.concurrent('verifik-login asking questions (stdin piped, no --otp-from-stdin)', () => {
  it('asks for the country code and phone, says where the code went, lets a wrong code be retried', async () => {
    const cli = startCli(['--fixed-otp', '123456']);
    await cli.waitForStderr('Country code [+1]: ');
    cli.writeLine('');
    await cli.waitForStderr('Phone number: ');
    cli.writeLine('555');
    await cli.waitForStderr(
      'Phone number: Use digits only: at least 4, and at most 15 with the country code.',
    );
    await cli.waitForStderr('Phone number: ');
    cli.writeLine('555 123 4567');
    await cli.waitForStderr('[mock inbox] code 123456 sent to +1 ••• ••• 4567 via WhatsApp');
    await cli.waitForStderr('We sent a code to +1 ••• ••• 4567 by WhatsApp. The code expires in 10:00.');
    await cli.waitForStderr('Verification code: ');
    cli.writeLine('000000');
    await cli.waitForStderr(wrongCode);
    await cli.waitForStderr('Verification code: ');
    cli.writeLine('123456');
    const { code, stdout, stderr } = await cli.exited;

    expect(code).toBe(0);
    expect(stdout).toMatch(jwt);
    expect(stderr).toMatch(/Signed in\. The token expires on .+\./);
  });

  it('asks for the email address after a bare --email', async () => {
    const cli = startCli(['--email', '--fixed-otp', '123456']);
    await cli.waitForStderr('Email: ');
    cli.writeLine('not-an-email');
    await cli.waitForStderr('Email: Enter an email address like name@example.com.');
    await cli.waitForStderr('Email: ');
    cli.writeLine('user@example.com');
    await cli.waitForStderr('Verification code: ');
    cli.writeLine('123456');

    expect((await cli.exited).code).toBe(0);
  });

  it('offers a new code when the code expires, and sends one on yes', async () => {
    // Long enough to type the second code in time on a busy machine, short enough to wait out.
    const cli = startCli([...phone, '--otp-ttl', '5', '--fixed-otp', '123456']);
    // Any seconds: a busy machine may print the line a second or more after the code was sent.
    await cli.waitForStderr(/The code expires in 0:0\d\./);
    await cli.waitForStderr('Verification code: ');
    await cli.waitForStderr('Your code expired.');
    await cli.waitForStderr('Send a new code? [Y/n] ');
    cli.writeLine('y');
    await cli.waitForStderr('[mock inbox] code 123456 sent to +1 ••• ••• 6663 via WhatsApp');
    await cli.waitForStderr('Verification code: ');
    cli.writeLine('123456');
    const { code, stdout } = await cli.exited;

    expect(code).toBe(0);
    expect(stdout).toMatch(jwt);
  });

  it('exits 1 when a new code is declined', async () => {
    const cli = startCli([...phone, '--otp-ttl', '1']);
    await cli.waitForStderr('Send a new code? [Y/n] ');
    cli.writeLine('n');
    const { code, stderr } = await cli.exited;

    expect(code).toBe(1);
    expect(stderr).toContain('Not logged in.');
  });

  it('answers r during the resend cooldown with how long to wait', async () => {
    const cli = startCli([...phone, '--fixed-otp', '123456']);
    await cli.waitForStderr('Type the code, or r for a new one. Ctrl-C cancels.');
    await cli.waitForStderr('Verification code: ');
    cli.writeLine('r');
    await cli.waitForStderr('A code was sent moments ago. You can ask for another one shortly.');
    await cli.waitForStderr(/You can ask for a new code in [12]:\d\d\./);
    await cli.waitForStderr('Verification code: ');
    cli.writeLine('123456');

    expect((await cli.exited).code).toBe(0);
  });

  it('exits 2 when the input ends while a question is open', async () => {
    const result = await runCli(['--country-code', '+1'], '');

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('The input ended while asking for: Phone number');
  });
});

describe('verifik-login cancelled', () => {
  it('says "Cancelled." and exits 130 on SIGINT while waiting for the code, ending by itself', async () => {
    const cli = startCli(phone);
    await cli.waitForStderr('Verification code: ');
    cli.child.kill('SIGINT');
    await cli.waitForStderr('Cancelled.');
    const { code, stdout, stderr } = await cli.exited;

    expect(code).toBe(130);
    expect(stdout).toBe('');
    // The actor, the reader and the built-in mock are stopped: the process ends by itself, not by
    // bin.ts's 2-second guard, which would say so (read from the output, not timed: a busy machine
    // can take over a second to end any process).
    expect(stderr).not.toContain('kept the process open');
    expect(stderr.trimEnd().endsWith('Cancelled.')).toBe(true);
  });

  it('cancels a request in flight', async () => {
    const mock = await startMockServer({ port: 0 });
    try {
      await createMockDevClient(mock.url).fault({ route: '/v2/projects/phone-login', delayMs: 30_000 });
      const cli = startCli(['--api', mock.url, ...phone, '--otp-from-stdin']);
      // The request arrives once the CLI has started, which takes long on a busy machine.
      await waitFor(async () => {
        return (await createMockDevClient(mock.url).faults()).length === 0;
      }, startupAllowanceMs);
      cli.child.kill('SIGINT');
      const { code, stderr } = await cli.exited;

      expect(code).toBe(130);
      expect(stderr).toContain('Cancelled.');
    } finally {
      await mock.close();
    }
  });
});

describe.concurrent('verifik-login usage', () => {
  it('documents the options and exit codes in --help', async () => {
    const result = await runCli(['--help']);

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: verifik-login [options]');
    expect(result.stdout).toMatch(/--revoke-others .+every other session/);
    expect(result.stdout).toMatch(
      /Exit codes:\n {2}0 {4}logged in\n {2}1 .+\n {2}2 .+\n {2}3 {4}the account needs its authenticator app.+\n(?: {7}.+\n)* {2}130 {2}cancelled/,
    );
  });

  it('prints the version', async () => {
    const result = await runCli(['--version']);

    expect(result.code).toBe(0);
    expect(result.stdout).toBe('0.1.0\n');
  });

  it('exits 2 on an unknown option', async () => {
    const result = await runCli(['--phne', '1']);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain("Unknown option '--phne'");
    expect(result.stderr).toContain('Run verifik-login --help for the options.');
  });
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition never held');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
