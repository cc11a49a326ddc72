import { Hono } from 'hono';
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

/**
 * `GET /session?origin=refresh&expiresIn=<months>`, mounted under `/v2/auth`. The old token stays
 * valid until its own `exp`: Verifik documents no revocation. `origin` is accepted and ignored.
 */
export function sessionRoutes(state: MockState): Hono<MockEnv> {
  const routes = new Hono<MockEnv>();

  routes.get('/session', async (c) => {
    const header = c.req.header('Authorization')?.trim();
    if (!header) throw missingAuthorization();
    const lifetime = lifetimeMs(c.req.query('expiresIn'));
    // Verifik's renew page shows the bare token; its other pages use `Bearer <token>`.
    const token = header.replace(/^Bearer\s+/i, '');
    const claims = await state.tokens.verify(token);
    if (!claims) throw invalidToken();
    return c.json({ accessToken: await state.tokens.issue(claims.client, lifetime), tokenType: 'bearer' });
  });

  return routes;
}
