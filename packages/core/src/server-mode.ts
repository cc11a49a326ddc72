import type { LoginSession } from './client.types.js';
import { createServerClient, type ServerClient, type ServerClientOptions } from './server-client.js';
import type { SessionStore } from './session-store.js';

/** Delays before each retry of a logout the server did not confirm, ms. */
const logoutRetryDelaysMs = [500, 2_000];

/**
 * The session in server mode: the app's server holds it (a sealed HttpOnly cookie), so loading asks
 * `GET /session` and clearing is `DELETE /session`. Nothing is written to web storage; tabs learn of
 * a login or logout through a `BroadcastChannel` message that carries the session without its token.
 */
export function createServerSessionStore(client: ServerClient, channelName: string): SessionStore {
  let channel: BroadcastChannel | undefined;
  const channelOf = () => {
    if (typeof BroadcastChannel === 'undefined') return undefined;
    if (!channel) {
      channel = new BroadcastChannel(channelName);
      // In Node an open channel would keep the process alive.
      (channel as { unref?: () => void }).unref?.();
    }
    return channel;
  };
  // Only the token-free fields go to other tabs, whatever session the machine hands over.
  const announce = (session: LoginSession | null) =>
    channelOf()?.postMessage({
      session: session && {
        heldBy: 'server',
        tokenType: session.tokenType,
        issuedAt: session.issuedAt,
        expiresAt: session.expiresAt,
        maskedIdentifier: session.maskedIdentifier ?? '',
      },
    });

  /** A logout the server must hear: retried a few times, since a cookie left behind would sign in again on reload. */
  const logout = async () => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await client.logout();
      } catch {
        const delay = logoutRetryDelaysMs[attempt];
        if (delay === undefined) return;
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  };

  return {
    load: () => client.loadSession().catch(() => null),
    save: async (session) => {
      announce(session);
    },
    clear: async () => {
      announce(null);
      await logout();
    },
    watch: (listener) => {
      const watched = channelOf();
      if (!watched) return () => undefined;
      const onMessage = (message: MessageEvent) => {
        const data = message.data as { session?: unknown } | null;
        // The machine checks the payload before it acts on it (see `syncedSession`).
        if (data && typeof data === 'object' && 'session' in data)
          listener(data.session as LoginSession | null);
      };
      watched.addEventListener('message', onMessage);
      return () => watched.removeEventListener('message', onMessage);
    },
  };
}

/**
 * The options that put the machine in server mode: its calls go to the app's `@verifik-auth/server`
 * handler, which keeps the token in a sealed HttpOnly cookie; the machine's session has no token
 * (`heldBy: 'server'`). Same states, events, `connect()` and adapters as in browser mode.
 * @example
 * const machine = createLoginMachine({ ...serverMode({ baseUrl: '/auth/verifik' }), autoRefresh: true });
 */
export function serverMode(options: ServerClientOptions): {
  client: ServerClient;
  sessionStore: SessionStore;
} {
  const client = createServerClient(options);
  return {
    client,
    sessionStore: createServerSessionStore(client, `verifik-auth:server:${options.baseUrl}`),
  };
}
