import { type Context, Hono } from 'hono';
import { invalidArgument, invalidToken, missingAuthorization } from '../errors.js';
import type { MockEnv, MockState } from '../state.js';
import { dayMs } from '../tokens.js';

const maxMonths = 120;

/** The new token's lifetime: `expiresIn` months of 30 days, else the default 30 days. */
function lifetimeMs(expiresIn: string | undefined): number | undefined {
  if (expiresIn === undefined || expiresIn === '') return undefined;
  const months = /^\d+$/.test(expiresIn) ? Number(expiresIn) : Number.NaN;
  if (!(months >= 1 && months <= maxMonths)) {
    throw invalidArgument(`expiresIn must be a whole number of months from 1 to ${maxMonths}`);
  }
  return months * 30 * dayMs;
}

/** The `Authorization` header's token: bare (Verifik's renew page) or `Bearer <token>`. */
function bearerToken(c: Context<MockEnv>): string {
  const header = c.req.header('Authorization')?.trim();
  if (!header) throw missingAuthorization();
  return header.replace(/^Bearer\s+/i, '');
}

/** The client of a genuine, live token; 401 for any other. */
async function clientOf(token: string, state: MockState): Promise<string> {
  const claims = await state.tokens.verify(token);
  if (!claims) throw invalidToken();
  return claims.client;
}

/**
 * Mounted under `/v2/auth`:
 * - `GET /session?origin=refresh&expiresIn=<months>` renews: the old token stays valid until its
 *   own `exp`. `origin` is accepted and ignored.
 * - `POST /renew-and-revoke` answers `{"token"}`, a new token, and ends every earlier token of the
 *   account (verifik-api.md §7): they get 401 from then on, as an expired one does.
 */
export function sessionRoutes(state: MockState): Hono<MockEnv> {
  const routes = new Hono<MockEnv>();

  routes.get('/session', async (c) => {
    const token = bearerToken(c);
    const lifetime = lifetimeMs(c.req.query('expiresIn'));
    const client = await clientOf(token, state);
    return c.json({ accessToken: await state.tokens.issue(client, lifetime), tokenType: 'bearer' });
  });

  routes.post('/renew-and-revoke', async (c) => {
    const client = await clientOf(bearerToken(c), state);
    state.tokens.revoke(client);
    return c.json({ token: await state.tokens.issue(client) });
  });

  return routes;
}
