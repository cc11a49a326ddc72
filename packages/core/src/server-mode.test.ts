import { afterEach, describe, expect, it } from 'vitest';
import type { LoginSession } from './client.types.js';
import type { ServerClient } from './server-client.js';
import { createServerSessionStore } from './server-mode.js';

const token = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJzZWNyZXQtdG9rZW4tNDI0MiJ9.c2lnbmF0dXJlLXNlY3JldA';
const channels: BroadcastChannel[] = [];
afterEach(() => {
  for (const channel of channels.splice(0)) channel.close();
});

/** A server client that only counts logouts; the store tests need nothing else of it. */
function countingClient(failures = 0) {
  const calls = { logout: 0 };
  const client = {
    loadSession: async () => null,
    logout: async () => {
      calls.logout++;
      if (calls.logout <= failures) throw new Error('offline');
    },
  } as unknown as ServerClient;
  return { client, calls };
}

/** The next message another tab hears on `name`. */
function nextMessage(name: string): Promise<unknown> {
  const other = new BroadcastChannel(name);
  channels.push(other);
  return new Promise((resolve) =>
    other.addEventListener('message', (event) => resolve(event.data), { once: true }),
  );
}

describe('the server-mode session store', () => {
  it('tells other tabs of a login with the token-free fields only, whatever it is handed', async () => {
    const name = `test:${Math.random()}`;
    const heard = nextMessage(name);
    const store = createServerSessionStore(countingClient().client, name);
    const withToken = { accessToken: token, tokenType: 'bearer', issuedAt: 1, expiresAt: 2 } as LoginSession;
    await store.save(withToken);
    const message = await heard;
    expect(JSON.stringify(message)).not.toContain('signature');
    expect(message).toEqual({
      session: { heldBy: 'server', tokenType: 'bearer', issuedAt: 1, expiresAt: 2, maskedIdentifier: '' },
    });
  });

  it('logs out on the server, retrying a failed DELETE, and tells other tabs', async () => {
    const name = `test:${Math.random()}`;
    const heard = nextMessage(name);
    const { client, calls } = countingClient(1);
    await createServerSessionStore(client, name).clear();
    expect(calls.logout).toBe(2);
    expect(await heard).toEqual({ session: null });
  });
});
