/**
 * What every framework fixture must show once built and started (issue 20, item 3), against the
 * installed mock behind the token recorder:
 * - a login in Chromium through the app's page, with the token kept on the server: the recorder saw
 *   the token the app's server got, and it is in none of the page's responses (bodies and headers),
 *   its storage, its script-visible cookies or its DOM; the session cookie is HttpOnly;
 * - the per-address limit holds: one client address gets 429 after `sendsPerAddress` codes (whatever
 *   address headers it forges), another still gets its code;
 * - a send with no client address is refused (503), not counted in a bucket nor let through.
 */
import { request as httpRequest } from 'node:http';
import type { Page } from 'playwright-core';
import { codeFromInbox, inBrowser, testPhone } from '../consumer/browser-login.js';
import type { RunningServer } from '../consumer/prepare.js';
import { jwtPattern } from './token-recorder.js';

/** The session cookie's name on http://127.0.0.1 (not `Secure`, so no `__Host-` prefix). */
const sessionCookie = 'verifik-session';
const basePath = '/auth/verifik';
const exact = true;

/** Logs in by phone in Chromium through the app's page and checks the page never held the token. */
export async function logInKeepingTheToken(
  fixture: string,
  step: string,
  app: RunningServer,
  api: string,
  tokens: readonly string[],
): Promise<string> {
  const seen: Promise<string>[] = [];
  const listen = (page: Page) =>
    page.on('response', (response) => {
      seen.push(
        (async () => {
          const headers = JSON.stringify(await response.allHeaders());
          // Redirects and aborted loads have no body to read.
          const body = await response.text().catch(() => '');
          return `${response.url()}\n${headers}\n${body}`;
        })(),
      );
    });
  return inBrowser(
    fixture,
    step,
    app,
    async (page) => {
      await page.getByLabel('Country code').fill(testPhone.countryCode);
      await page.getByLabel('Phone number').fill(testPhone.phone);
      await page.getByRole('button', { name: 'Send code', exact }).click();
      const codeField = page.getByLabel('Verification code');
      await codeField.waitFor();
      await codeField.fill(await codeFromInbox(api));
      await page.getByRole('button', { name: 'Verify', exact }).click();
      await page.getByText('Signed in').waitFor();
      if (tokens.length === 0) throw new Error("the app's server got no token from the mock");

      // A reload asks the server (GET /auth/verifik/session), the only place the session is.
      await page.reload();
      await page.getByText('Signed in').waitFor();
      const places = await pagePlaces(page);
      const responses = await Promise.all(seen);
      const anyJwt = new RegExp(jwtPattern.source);
      const found = [
        ...Object.entries(places),
        ...responses.map((text) => [`the response of ${text.split('\n')[0]}`, text] as const),
      ]
        .filter(([, text]) => tokens.some((token) => text.includes(token)) || anyJwt.test(text))
        .map(([place]) => place);
      if (found.length > 0) throw new Error(`the page saw a token: in ${found.join(', ')}`);

      const cookie = (await page.context().cookies()).find((each) => each.name === sessionCookie);
      if (!cookie) throw new Error(`no ${sessionCookie} cookie after signing in`);
      if (!cookie.httpOnly) throw new Error(`the ${sessionCookie} cookie is not HttpOnly`);
      if (places['document.cookie']?.includes(sessionCookie))
        throw new Error(`document.cookie shows ${sessionCookie}`);

      // The page shows the form at once; the server's DELETE /session answer deletes the cookie.
      const loggedOut = page.waitForResponse(
        (response) =>
          response.request().method() === 'DELETE' && response.url().endsWith(`${basePath}/session`),
      );
      await page.getByRole('button', { name: 'Log out', exact }).click();
      await page.getByRole('button', { name: 'Send code', exact }).waitFor();
      if ((await loggedOut).status() !== 200) throw new Error('DELETE /session did not answer 200');
      const left = (await page.context().cookies()).some((each) => each.name === sessionCookie);
      if (left) throw new Error(`the ${sessionCookie} cookie is still there after logging out`);
      return (
        `signed in, still signed in after a reload, logged out; the token the server got is in none of ` +
        `${responses.length} responses, storage, document.cookie or DOM; ${sessionCookie} HttpOnly`
      );
    },
    { setUp: listen },
  );
}

/** What a script on the page can read: both storages, its cookies and the document. */
function pagePlaces(page: Page): Promise<Record<string, string>> {
  // No named function inside: tsx would wrap it in a `__name` helper the page does not have.
  return page.evaluate(() => ({
    localStorage: JSON.stringify(Object.entries(window.localStorage)),
    sessionStorage: JSON.stringify(Object.entries(window.sessionStorage)),
    'document.cookie': document.cookie,
    document: document.documentElement.outerHTML,
  }));
}

/** Where and how a send is made: from which loopback address, with which headers. */
export interface SendFrom {
  /** The local address the connection is made from (127.0.0.2…): the peer the proxy or app sees. */
  localAddress?: string;
  /** A Unix socket to connect to instead of the URL's port. */
  socketPath?: string;
  /** Extra headers, e.g. a forged X-Forwarded-For. */
  headers?: Record<string, string>;
  /** The `Origin` of the page sending it (default the URL's own): the app's public origin. */
  origin?: string;
}

export interface SendAnswer {
  status: number;
  retryAfter?: string;
  code?: string;
}

/** `POST {basePath}/phone-login` as the app's own page would send it (its `Origin`, JSON). */
export function sendCode(url: string, phone: string, from: SendFrom = {}): Promise<SendAnswer> {
  const target = new URL(`${basePath}/phone-login`, url);
  const body = JSON.stringify({ countryCode: testPhone.countryCode, phone });
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      {
        ...(from.socketPath
          ? { socketPath: from.socketPath }
          : { host: target.hostname, port: target.port, localAddress: from.localAddress }),
        path: target.pathname,
        method: 'POST',
        headers: {
          host: target.host,
          origin: from.origin ?? target.origin,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          ...from.headers,
        },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk) => (text += chunk));
        response.on('end', () => {
          let code: string | undefined;
          try {
            code = (JSON.parse(text) as { code?: string }).code;
          } catch {
            code = undefined;
          }
          const retryAfter = response.headers['retry-after'];
          resolve({
            status: response.statusCode ?? 0,
            ...(retryAfter && { retryAfter }),
            ...(code && { code }),
          });
        });
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

/** How many codes the mock "sent" to `phone`. */
async function codesSentTo(api: string, phone: string): Promise<number> {
  const response = await fetch(`${api}/__dev/inbox`);
  if (!response.ok) throw new Error(`GET /__dev/inbox answered ${response.status}`);
  const { messages } = (await response.json()) as { messages: { phone?: string }[] };
  return messages.filter((message) => message.phone === phone).length;
}

const describe = (answer: SendAnswer) => `${answer.status}${answer.code ? ` ${answer.code}` : ''}`;

/**
 * `limit` sends from 127.0.0.2, each to another number and forging another address in X-Real-IP and
 * X-Forwarded-For, pass; the next is 429 with Retry-After and sends nothing; one from 127.0.0.3 passes.
 */
export async function checkAddressLimit(url: string, api: string, limit: number): Promise<string> {
  const phone = (index: number) => `20255501${String(index).padStart(2, '0')}`;
  for (let index = 1; index <= limit + 1; index++) {
    const forged = `198.51.100.${index}`;
    const answer = await sendCode(url, phone(index), {
      localAddress: '127.0.0.2',
      headers: { 'x-real-ip': forged, 'x-forwarded-for': forged },
    });
    if (index <= limit && answer.status !== 200)
      throw new Error(`send ${index} of ${limit} from 127.0.0.2 answered ${describe(answer)}, not 200`);
    if (index > limit) {
      if (answer.status !== 429 || !answer.retryAfter)
        throw new Error(
          `send ${index} from 127.0.0.2, over its limit of ${limit}, answered ${describe(answer)}`,
        );
      if ((await codesSentTo(api, phone(index))) !== 0)
        throw new Error('the send over the limit sent a code');
    }
  }
  const other = await sendCode(url, phone(99), { localAddress: '127.0.0.3' });
  if (other.status !== 200) throw new Error(`a send from 127.0.0.3 answered ${describe(other)}, not 200`);
  await codeFromInbox(api, phone(99));
  const retry = (await sendCode(url, phone(limit + 2), { localAddress: '127.0.0.2' })).retryAfter;
  return `127.0.0.2: ${limit} codes, then 429 (Retry-After ${retry} s) whatever address it forged; 127.0.0.3: its code sent`;
}

/** A send with no client address is refused with 503 `server`, sends nothing, and the app logs why. */
export async function checkNoAddress(
  url: string,
  api: string,
  app: RunningServer,
  from: SendFrom,
  how: string,
): Promise<string> {
  const phone = '2025550188';
  const answer = await sendCode(url, phone, from);
  if (answer.status !== 503 || answer.code !== 'server')
    throw new Error(`a send with no client address (${how}) answered ${describe(answer)}, not 503 server`);
  if ((await codesSentTo(api, phone)) !== 0) throw new Error('the send with no client address sent a code');
  if (!app.output().includes('no client address'))
    throw new Error("the app's log does not say a send was refused for want of a client address");
  return `${how}: 503 server, no code sent, the app logged why`;
}
