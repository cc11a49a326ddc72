import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { format } from 'node:util';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { formatInboxLine, runCli } from './cli.js';
import { startTestMock } from './test-helpers.js';

/** C0 and C1 controls (ESC 0x1b and CSI 0x9b among them) and DEL: what a terminal obeys instead of printing. */
const control = /\p{Cc}/u;
// Clears the screen, retitles the window, rings the bell, in 7- and 8-bit forms: none of it whitespace,
// so an address carrying it used to pass the mock's email check.
const escapes = '\u001b[2J\u001b]0;owned\u0007\u009b31m\u007f';
// And back to the start of the line, to overwrite it; NUL for good measure.
const hostile = `${escapes}\r\u0000`;

describe('what the mock prints', () => {
  it('formatInboxLine drops control characters from an address', () => {
    const line = formatInboxLine({
      method: 'email',
      email: `${hostile}user@example.com`,
      otp: '123456',
      sentAt: '2024-05-29T03:41:27.009Z',
      expiresAt: '2024-05-29T03:51:27.009Z',
    });
    expect(line).toBe('[inbox] [2J]0;owned31muser@example.com via email: 123456 (valid 10 min)');
    expect(line).not.toMatch(control);
  });

  it('the CLI prints nothing a client sends raw: an address with control characters is refused', async () => {
    const lines: string[] = [];
    const output = { log: (line: string) => lines.push(line), error: (line: string) => lines.push(line) };
    const mock = await runCli(['--port', '0'], output);
    if (!mock) throw new Error('expected a server');
    onTestFinished(() => mock.close());
    const query = new URLSearchParams({ email: `${escapes}user@example.com` });
    const answer = await fetch(`${mock.url}/v2/projects/email-login?${query}`, { method: 'POST' });
    expect(answer.status).toBe(404);
    expect(await answer.json()).toEqual({ code: 'NotFound', message: 'invalid_email' });
    expect(mock.state.store.inbox).toEqual([]);
    for (const line of lines) expect(line).not.toMatch(control);
  });

  it('logs an error from onMessage without its control characters', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    onTestFinished(() => logged.mockRestore());
    const { post } = await startTestMock({
      onMessage: () => {
        throw new Error(`listener bug ${hostile}`);
      },
    });
    expect((await post('/v2/projects/email-login', { email: 'user@example.com' })).status).toBe(200);
    expect(logged).toHaveBeenCalledTimes(1);
    const printed = format(...(logged.mock.calls[0] ?? []));
    expect(printed).toContain('listener bug [2J]0;owned31m');
    // Newlines stay: the stack trace is the mock's own.
    expect(printed.replaceAll('\n', '')).not.toMatch(control);
  });

  it('the bin prints a bad command line without its control characters', async () => {
    const packageRoot = fileURLToPath(new URL('..', import.meta.url));
    const child = spawn(
      process.execPath,
      // An argument cannot hold NUL.
      ['--import', 'tsx', '--conditions=@verifik-auth/source', 'src/bin.ts', '--port', `4010${escapes}`],
      { cwd: packageRoot },
    );
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(code).toBe(2);
    expect(stderr).toContain('--port expects 0-65535, got "4010[2J]0;owned31m"');
    expect(stderr.replaceAll('\n', '')).not.toMatch(control);
  }, 10_000);
});
