import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, onTestFinished } from 'vitest';
import { formatInboxLine, parseCli, runCli, UsageError, usage } from './cli.js';
import { phoneLogin } from './test-helpers.js';

describe('parseCli', () => {
  it('reads every option, turning seconds into milliseconds', () => {
    expect(
      parseCli([
        '--port=0',
        '--host',
        '0.0.0.0',
        '--otp-ttl',
        '30',
        '--resend-cooldown',
        '0.5',
        '--fixed-otp',
        '123456',
        '--authenticator-otp',
        '999999',
        '--clients',
        'clients.json',
      ]),
    ).toEqual({
      help: false,
      clientsFile: 'clients.json',
      options: {
        port: 0,
        host: '0.0.0.0',
        otpTtlMs: 30_000,
        resendCooldownMs: 500,
        fixedOtp: '123456',
        authenticatorOtp: '999999',
      },
    });
    expect(parseCli([])).toEqual({ help: false, options: {} });
    expect(parseCli(['-h']).help).toBe(true);
  });

  it('reads repeated --allow-origin and --allow-host into allowedOrigins and allowedHosts', () => {
    expect(
      parseCli([
        '--allow-origin',
        'https://app.example',
        '--allow-origin=http://192.168.1.20:5173',
        '--allow-host',
        'mock.internal',
      ]).options,
    ).toEqual({
      allowedOrigins: ['https://app.example', 'http://192.168.1.20:5173'],
      allowedHosts: ['mock.internal'],
    });
  });

  it.each([
    [['--allow-origin', 'app.example'], '--allow-origin'],
    [['--allow-origin', '*'], '--allow-origin'],
    [['--allow-host', 'mock.internal:4010'], '--allow-host'],
  ])('refuses %j with a UsageError naming the flag', (argv, flag) => {
    expect(() => parseCli(argv)).toThrow(UsageError);
    expect(() => parseCli(argv)).toThrow(flag);
  });

  it.each([
    [['--port', 'http']],
    [['--port', '70000']],
    [['--otp-ttl', '0']],
    [['--resend-cooldown', 'soon']],
    [['--fixed-otp', '12345']],
    [['--unknown']],
    [['positional']],
  ])('refuses %j with a UsageError', (argv) => {
    expect(() => parseCli(argv)).toThrow(UsageError);
  });
});

describe('formatInboxLine', () => {
  it('prints a phone code like an inbox line', () => {
    expect(
      formatInboxLine({
        method: 'phone',
        countryCode: '+1',
        phone: '1234566663',
        gateway: 'whatsapp',
        otp: '123456',
        sentAt: '2024-05-29T03:41:27.009Z',
        expiresAt: '2024-05-29T03:51:27.009Z',
      }),
    ).toBe('[inbox] +1 1234566663 via whatsapp: 123456 (valid 10 min)');
  });

  it('prints an email code, with seconds for a TTL that is not whole minutes', () => {
    expect(
      formatInboxLine({
        method: 'email',
        email: 'user@example.com',
        otp: '654321',
        sentAt: '2024-05-29T03:41:00.000Z',
        expiresAt: '2024-05-29T03:41:30.000Z',
      }),
    ).toBe('[inbox] user@example.com via email: 654321 (valid 30 s)');
  });
});

describe('runCli', () => {
  function capture() {
    const lines: string[] = [];
    return {
      lines,
      output: { log: (line: string) => lines.push(line), error: (line: string) => lines.push(line) },
    };
  }

  it('prints the help without starting a server', async () => {
    const { lines, output } = capture();
    expect(await runCli(['--help'], output)).toBeUndefined();
    expect(lines).toEqual([usage]);
  });

  it('serves only the clients of a --clients file and prints each code sent', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'verifik-mock-'));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    const file = join(dir, 'clients.json');
    await writeFile(file, JSON.stringify({ phones: ['+1 1234566663'], emails: [] }));
    const { lines, output } = capture();
    const mock = await runCli(['--port', '0', '--clients', file, '--fixed-otp', '123456'], output);
    if (!mock) throw new Error('expected a server');
    onTestFinished(() => mock.close());
    expect(lines).toEqual([`Verifik mock server listening on ${mock.url}`, `Inbox: ${mock.url}/__dev/`]);
    const post = (body: unknown) =>
      fetch(`${mock.url}/v2/projects/phone-login`, { method: 'POST', body: JSON.stringify(body) });
    expect((await post(phoneLogin)).status).toBe(200);
    expect((await post({ ...phoneLogin, phone: 1234566664 })).status).toBe(404);
    expect(lines.at(-1)).toBe('[inbox] +1 1234566663 via whatsapp: 123456 (valid 10 min)');
  });

  it('reports an unreadable, malformed or invalid clients file as a UsageError', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'verifik-mock-'));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    const { output } = capture();
    await expect(runCli(['--clients', join(dir, 'missing.json')], output)).rejects.toThrow(UsageError);
    await writeFile(join(dir, 'bad.json'), '{ phones: ');
    await expect(runCli(['--clients', join(dir, 'bad.json')], output)).rejects.toThrow('not valid JSON');
    await writeFile(join(dir, 'wrong.json'), '{ "phones": ["1234"] }');
    await expect(runCli(['--port', '0', '--clients', join(dir, 'wrong.json')], output)).rejects.toThrow(
      'clients.phones[0]',
    );
  });
});

describe('verifik-mock (the bin)', () => {
  const packageRoot = fileURLToPath(new URL('..', import.meta.url));

  /** Runs src/bin.ts from source, as `pnpm mock` does, and resolves once it prints its URL. */
  async function spawnBin(
    args: string[],
  ): Promise<{ child: ChildProcessWithoutNullStreams; url: string; lines: string[] }> {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--conditions=@verifik-auth/source', 'src/bin.ts', ...args],
      {
        cwd: packageRoot,
      },
    );
    onTestFinished(() => {
      if (child.exitCode === null) child.kill('SIGKILL');
    });
    const lines: string[] = [];
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const url = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout }).on('line', (line) => {
        lines.push(line);
        const match = /listening on (http:\/\/\S+)/.exec(line);
        if (match?.[1]) resolve(match[1]);
      });
      child.once('exit', (code) => reject(new Error(`exited with ${code} before listening: ${stderr}`)));
    });
    return { child, url, lines };
  }

  it('listens on a free port, prints the codes it sends and stops cleanly on SIGTERM', async () => {
    const { child, url, lines } = await spawnBin(['--port', '0', '--fixed-otp', '123456']);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(`${url}/v2/projects/phone-login`, {
      method: 'POST',
      body: JSON.stringify(phoneLogin),
    });
    expect(response.status).toBe(200);
    await expect.poll(() => lines).toContain('[inbox] +1 1234566663 via whatsapp: 123456 (valid 10 min)');
    const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    child.kill('SIGTERM');
    expect(await exited).toEqual({ code: 0, signal: null });
    expect(lines.at(-1)).toBe('Received SIGTERM, stopping.');
  }, 10_000);
});
