import { Hono } from 'hono';
import { readJsonObject } from '../request-body.js';
import type { MockEnv, MockState } from '../state.js';
import { devPage } from './dev-page.js';

/**
 * The developer routes, all under `/__dev/` (mount at `/`): the inbox (JSON and HTML), the request
 * log, fault injection, the accounts' authenticators (keys and current codes) and reset. None of
 * them exists on the real Verifik.
 */
export function devRoutes(state: MockState): Hono<MockEnv> {
  const routes = new Hono<MockEnv>();

  // The page fetches `inbox` relative to itself, so it must be served with the trailing slash.
  routes.get('/__dev', (c) => c.redirect('/__dev/'));
  routes.get('/__dev/', (c) => c.html(devPage));
  routes.get('/__dev/inbox', (c) => c.json({ messages: state.store.inbox }));
  routes.get('/__dev/requests', (c) => c.json({ requests: state.requests.records }));
  routes.get('/__dev/faults', (c) => c.json({ faults: state.faults.pending }));
  routes.get('/__dev/authenticators', (c) => c.json({ authenticators: state.authenticators.list() }));
  routes.post('/__dev/faults', async (c) =>
    c.json({ fault: state.faults.add(await readJsonObject(c)) }, 201),
  );
  routes.post('/__dev/reset', (c) => {
    state.store.reset();
    state.faults.clear();
    state.requests.clear();
    state.authenticators.reset();
    return c.json({ reset: true });
  });

  return routes;
}
