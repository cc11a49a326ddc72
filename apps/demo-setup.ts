/**
 * What both demo pages do before their framework renders anything: read the query string, start the
 * login actor (resuming the snapshot stored by the last load), and keep that snapshot up to date. One
 * file for both demos, imported by each through a relative path, like `demo.css`.
 */
import { createLoginMachine, type LoginMachine, serverMode, webStorage } from '@verifik-auth/core';
import { type Actor, createActor, type Snapshot } from 'xstate';

/** Where the demo keeps the machine's persisted snapshot, so a reload resumes the same step. */
export const snapshotKey = 'verifik-demo.snapshot';
/** Where the demo keeps the chosen language across reloads. */
export const localeKey = 'verifik-demo.locale';
/**
 * Where the page's own server mounts `@verifik-auth/server`'s handler in server mode (the React demo's
 * Vite plugin, `apps/react/server-mode-plugin.ts`, on the page's origin).
 */
export const serverModeBasePath = '/auth/verifik';

export interface DemoConfig {
  /** The Verifik API or mock server, without a trailing slash. */
  api: string;
  /** The client-side resend cooldown. */
  cooldownMs: number;
  /** Refresh the session this long before it expires; absent: no auto refresh. */
  autoRefreshMs?: number;
  /**
   * Server mode (`?server=1`): the machine talks to the page's own server at {@link serverModeBasePath},
   * which keeps the token in an HttpOnly cookie and forwards to a Verifik URL of its own choosing;
   * `api` then only points the inbox link. Absent: browser mode.
   */
  server?: boolean;
}

/** What a demo's server offers besides its pages. */
export interface DemoServerFeatures {
  /** The server mounts `@verifik-auth/server` at {@link serverModeBasePath} (the React demo's does). */
  serverMode?: boolean;
}

/**
 * Reads `?api=`, `?cooldown=`, `?autoRefresh=` and `?server=` (see apps/DEMO-CONTRACT.md). `?server=1`
 * counts only where the demo's server has the handler (`features.serverMode`); elsewhere the page stays
 * in browser mode rather than calling routes that are not there.
 */
export function readDemoConfig(search: string, features: DemoServerFeatures = {}): DemoConfig {
  const params = new URLSearchParams(search);
  const api = (params.get('api') ?? 'http://127.0.0.1:4010').replace(/\/+$/, '');
  const cooldown = Number(params.get('cooldown'));
  const autoRefresh = Number(params.get('autoRefresh'));
  const server = features.serverMode === true && params.get('server') === '1';
  return {
    api,
    ...(server ? { server } : {}),
    cooldownMs: params.has('cooldown') && Number.isFinite(cooldown) ? cooldown : 120_000,
    ...(params.has('autoRefresh') && Number.isFinite(autoRefresh) && autoRefresh > 0
      ? { autoRefreshMs: autoRefresh }
      : {}),
  };
}

function loadSnapshot(storage: Storage): Snapshot<unknown> | undefined {
  try {
    const value: unknown = JSON.parse(storage.getItem(snapshotKey) ?? 'null');
    return typeof value === 'object' && value !== null ? (value as Snapshot<unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether a snapshot may be kept and resumed. In server mode a signed-in snapshot never is: the
 * server's cookie is the only word on the session, so a load asks `GET /session` instead (and a
 * browser-mode snapshot, token and all, is never resumed into server mode).
 */
function resumable(snapshot: { value?: unknown }, config: DemoConfig): boolean {
  const { value } = snapshot;
  const signedIn =
    value === 'authenticated' || (typeof value === 'object' && value !== null && 'authenticated' in value);
  return !(config.server && signedIn);
}

function resume(
  machine: LoginMachine,
  storage: Storage,
  config: DemoConfig,
): Actor<LoginMachine> | undefined {
  const snapshot = loadSnapshot(storage);
  if (!snapshot) return undefined;
  try {
    const actor = resumable(snapshot as { value?: unknown }, config)
      ? createActor(machine, { snapshot }).start()
      : undefined;
    if (actor?.getSnapshot().status === 'active') return actor;
    actor?.stop();
  } catch {
    // Written by an older version of the page: start over.
  }
  storage.removeItem(snapshotKey);
  return undefined;
}

/**
 * Starts the page's login actor: sessions in `storage` (sessionStorage in the page) or, in server mode,
 * on the page's own server (`serverMode`, nothing in web storage but the snapshot, which holds no token
 * there), resuming the stored snapshot when it still fits the machine, and writing the persisted
 * snapshot back on every change.
 * The actor is also `window.verifikDemo.actor`, so tests (and curious people at the console) can send
 * it the events the page offers no control for.
 */
export function startDemoActor(config: DemoConfig, storage: Storage): Actor<LoginMachine> {
  const machine = createLoginMachine({
    ...(config.server
      ? serverMode({ baseUrl: serverModeBasePath })
      : { baseUrl: config.api, storage: webStorage(storage) }),
    resendCooldownMs: config.cooldownMs,
    autoRefresh: config.autoRefreshMs === undefined ? false : { beforeExpiryMs: config.autoRefreshMs },
  });
  const actor = resume(machine, storage, config) ?? createActor(machine).start();
  const save = () => {
    const snapshot = actor.getSnapshot();
    if (snapshot.status !== 'active') return;
    if (resumable(snapshot, config))
      storage.setItem(snapshotKey, JSON.stringify(actor.getPersistedSnapshot()));
    else storage.removeItem(snapshotKey);
  };
  save();
  actor.subscribe(save);
  if (typeof window !== 'undefined') Object.assign(window, { verifikDemo: { actor } });
  return actor;
}

/**
 * Whether the page's actor is signing out everywhere else right now. The view says only `busy`, which
 * a refresh is too; the status line needs to tell them apart.
 */
export function isRevoking(actor: Actor<LoginMachine>): boolean {
  return actor.getSnapshot().matches({ authenticated: 'revoking' });
}
