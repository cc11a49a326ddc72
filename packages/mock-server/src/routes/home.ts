import { Hono } from 'hono';
import { accepts } from 'hono/accepts';
import { apiRoutes } from '../api-routes.js';
import type { MockEnv } from '../state.js';

/** One route as the home page lists it. */
export interface RouteEntry {
  method: 'GET' | 'POST';
  path: string;
  description: string;
}

const verifikDescriptions: Record<keyof typeof apiRoutes, string> = {
  '/v2/projects/phone-login': 'send a code to a phone (WhatsApp or SMS)',
  '/v2/projects/phone-login/confirm':
    'confirm the phone code (and authenticatorOTP when the account has an authenticator); answers the access token',
  '/v2/projects/email-login': 'send a code to an email address',
  '/v2/projects/email-login/confirm':
    'confirm the email code (and authenticatorOTP when the account has an authenticator); answers the access token',
  '/v2/auth/session': 'renew an access token (Authorization: Bearer …)',
  '/v2/auth/renew-and-revoke':
    'a new token; ends every earlier token of the account (Authorization: Bearer …)',
};

/** The Verifik endpoints the mock serves, in the order of `verifik-api.md`. */
const verifikEndpoints: RouteEntry[] = Object.entries(apiRoutes).map(([path, method]) => ({
  method,
  path,
  description: verifikDescriptions[path as keyof typeof apiRoutes],
}));

/** The developer routes of `dev.ts`. */
const devEndpoints: RouteEntry[] = [
  { method: 'GET', path: '/__dev/', description: 'the inbox as a page: every code the mock "sent"' },
  { method: 'GET', path: '/__dev/inbox', description: 'the inbox as JSON' },
  { method: 'GET', path: '/__dev/requests', description: 'the log of requests to the Verifik endpoints' },
  { method: 'GET', path: '/__dev/faults', description: 'the injected faults still pending' },
  { method: 'POST', path: '/__dev/faults', description: 'inject a fault (JSON body)' },
  {
    method: 'GET',
    path: '/__dev/authenticators',
    description: 'the accounts with an authenticator: state, key and the code accepted now',
  },
  {
    method: 'POST',
    path: '/__dev/reset',
    description: 'forget codes, cooldowns, inbox, faults and log; authenticators back to their start',
  },
];

/**
 * What `GET /` answers as JSON: where the inbox is and which routes exist. Static: it never holds a
 * code, a token or an option's value (`fixedOtp` is a code too).
 */
export const homeInfo = {
  name: 'Verifik mock server',
  description:
    "A local imitation of Verifik's login API: point a client's baseUrl here. Nothing real is sent; " +
    'the codes are in the dev inbox.',
  inbox: '/__dev/',
  endpoints: verifikEndpoints,
  devRoutes: devEndpoints,
} as const;

/** Only constants go in, but a page that escapes nothing is one edit away from a hole. */
function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] as string,
  );
}

function rows(entries: readonly RouteEntry[], link: boolean): string {
  return entries
    .map(({ method, path, description }) => {
      const shown = escapeHtml(path);
      const target = link && method === 'GET' ? `<a href="${shown}">${shown}</a>` : shown;
      return `    <tr><td>${method}</td><td><code>${target}</code></td><td>${escapeHtml(description)}</td></tr>`;
    })
    .join('\n');
}

/** The same as a page, for a browser; no script, nothing fetched. */
export const homePage = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Verifik mock server</title>
<style>
  :root { color-scheme: light dark; font-family: system-ui, sans-serif; }
  body { max-width: 46rem; margin: 2rem auto; padding: 0 1rem; }
  h1 { font-size: 1.25rem; margin-bottom: 0.25rem; }
  h2 { font-size: 1rem; margin-top: 1.5rem; }
  p.hint { color: GrayText; margin-top: 0; }
  table { width: 100%; border-collapse: collapse; }
  td { text-align: left; padding: 0.4rem 0.5rem; border-bottom: 1px solid color-mix(in srgb, currentColor 15%, transparent); }
  td:first-child { font: 600 0.85rem ui-monospace, monospace; width: 3.5rem; }
</style>
</head>
<body>
<h1>Verifik mock server</h1>
<p class="hint">${escapeHtml(homeInfo.description)}</p>
<p><a href="/__dev/">Open the dev inbox</a> to see the codes it sends.</p>
<h2>Verifik endpoints</h2>
<table>
${rows(verifikEndpoints, false)}
</table>
<h2>Developer routes</h2>
<table>
${rows(devEndpoints, true)}
</table>
</body>
</html>
`;

/**
 * `GET /`: a page pointing to the inbox and listing the routes for a browser (`Accept: text/html`),
 * the same as JSON for anything else (curl, scripts). Mount at `/`. It is not a Verifik route, so the
 * origin guard keeps it to this machine, as it does `/__dev/`.
 */
export function homeRoutes(): Hono<MockEnv> {
  const routes = new Hono<MockEnv>();
  routes.get('/', (c) => {
    c.header('Vary', 'Accept', { append: true });
    const type = accepts(c, {
      header: 'Accept',
      supports: ['application/json', 'text/html'],
      default: 'application/json',
    });
    return type === 'text/html' ? c.html(homePage) : c.json(homeInfo);
  });
  return routes;
}
