import { createMockDevClient, type MockServer, startMockServer } from '@verifik-auth/mock-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './test-helpers.js';

// Issue 9: a password written into --api must never be printed back (scrollback, CI logs).
const phone = ['--country-code', '+1', '--phone', '1234566663', '--otp-from-stdin'];
const password = 'hunter2-Zq81';

describe.concurrent('verifik-login --api never prints a password written in the URL', () => {
  it.for([
    ['plain http', `http://ana:${password}@api.example.com`, 'http://<redacted>@api.example.com/'],
    ['https', `https://ana:${password}@api.verifik.co/`, 'https://<redacted>@api.verifik.co/'],
    ['a password alone', `https://:${password}@api.verifik.co`, 'https://<redacted>@api.verifik.co/'],
  ])('refuses credentials in %s, showing the URL without them', async ([, api, shown]) => {
    const result = await runCli(['--api', String(api), ...phone]);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`--api ${shown}: remove the user name and password from the URL.`);
    expect(result.stderr).not.toContain(password);
    expect(result.stderr).not.toContain('ana');
  });

  it.for([
    ['a space in the host', `http://ana:${password}@api.exa mple.com`],
    ['no scheme', `ana:${password}@api.verifik.co`],
    ['a slash in the password', `https://ana:${password}/x@api.verifik.co`],
  ])('refuses an invalid URL (%s) without repeating it', async ([, api]) => {
    const result = await runCli(['--api', String(api), ...phone]);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--api expects an absolute URL such as https://api.verifik.co');
    expect(result.stderr).not.toContain(password);
  });

  it('still names a plain-http URL without credentials, which holds no secret', async () => {
    const result = await runCli(['--api', 'http://api.example.com', ...phone]);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('http://api.example.com');
    expect(result.stderr).toContain('it must use https://');
  });
});

describe('verifik-login --api with credentials on a server it may use', () => {
  let mock: MockServer;
  beforeAll(async () => {
    mock = await startMockServer({ port: 0 });
  });
  afterAll(async () => {
    await mock.close();
  });

  it('refuses them before any request, and never prints the password', async () => {
    const { host } = new URL(mock.url);

    const result = await runCli(['--api', `http://ana:${password}@${host}`, ...phone]);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`--api http://<redacted>@${host}/: remove the user name and password`);
    expect(result.stderr).not.toContain(password);
    expect(await createMockDevClient(mock.url).requests()).toEqual([]);
  });
});
