/**
 * What both demo pages do before their framework renders anything: read the query string, start the
 * login actor (resuming the snapshot stored by the last load), and keep that snapshot up to date. One
 * file for both demos, imported by each through a relative path, like `demo.css`.
 */
import { createLoginMachine, type LoginMachine, webStorage } from '@verifik-auth/core';
import { type Actor, createActor, type Snapshot } from 'xstate';

/** Where the demo keeps the machine's persisted snapshot, so a reload resumes the same step. */
export const snapshotKey = 'verifik-demo.snapshot';
/** Where the demo keeps the chosen language across reloads. */
export const localeKey = 'verifik-demo.locale';

export interface DemoConfig {
  /** The Verifik API or mock server, without a trailing slash. */
  api: string;
  /** The client-side resend cooldown. */
  cooldownMs: number;
  /** Refresh the session this long before it expires; absent: no auto refresh. */
  autoRefreshMs?: number;
}

/** Reads `?api=`, `?cooldown=` and `?autoRefresh=` (see apps/DEMO-CONTRACT.md). */
export function readDemoConfig(search: string): DemoConfig {
  const params = new URLSearchParams(search);
  const api = (params.get('api') ?? 'http://127.0.0.1:4010').replace(/\/+$/, '');
  const cooldown = Number(params.get('cooldown'));
  const autoRefresh = Number(params.get('autoRefresh'));
  return {
    api,
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

function resume(machine: LoginMachine, storage: Storage): Actor<LoginMachine> | undefined {
  const snapshot = loadSnapshot(storage);
  if (!snapshot) return undefined;
  try {
    const actor = createActor(machine, { snapshot }).start();
    if (actor.getSnapshot().status === 'active') return actor;
    actor.stop();
  } catch {
    // Written by an older version of the page: start over.
  }
  storage.removeItem(snapshotKey);
  return undefined;
}

/**
 * Starts the page's login actor: sessions in `storage` (sessionStorage in the page), resuming the stored
 * snapshot when it still fits the machine, and writing the persisted snapshot back on every change.
 * The actor is also `window.verifikDemo.actor`, so tests (and curious people at the console) can send
 * it the events the page offers no control for.
 */
export function startDemoActor(config: DemoConfig, storage: Storage): Actor<LoginMachine> {
  const machine = createLoginMachine({
    baseUrl: config.api,
    resendCooldownMs: config.cooldownMs,
    autoRefresh: config.autoRefreshMs === undefined ? false : { beforeExpiryMs: config.autoRefreshMs },
    storage: webStorage(storage),
  });
  const actor = resume(machine, storage) ?? createActor(machine).start();
  const save = () => {
    if (actor.getSnapshot().status !== 'active') return;
    storage.setItem(snapshotKey, JSON.stringify(actor.getPersistedSnapshot()));
  };
  save();
  actor.subscribe(save);
  if (typeof window !== 'undefined') Object.assign(window, { verifikDemo: { actor } });
  return actor;
}
