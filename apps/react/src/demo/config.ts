import type { LoginActor } from '../index.js';

/** Where the demo keeps the machine's persisted snapshot, so a reload resumes the same step. */
export const snapshotKey = 'verifik-demo.snapshot';
/** Where the demo keeps the chosen language across reloads. */
export const localeKey = 'verifik-demo.locale';

export interface DemoConfig {
  /** The Verifik API or mock server. */
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

/** The stored snapshot, or undefined when there is none or it cannot be read. */
export function loadSnapshot(storage: Storage): object | undefined {
  try {
    const value: unknown = JSON.parse(storage.getItem(snapshotKey) ?? 'null');
    return typeof value === 'object' && value !== null ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Writes the actor's persisted snapshot on every change; returns the unsubscribe function. */
export function persistSnapshots(actor: LoginActor, storage: Storage): () => void {
  const save = () => {
    if (actor.getSnapshot().status !== 'active') return;
    storage.setItem(snapshotKey, JSON.stringify(actor.getPersistedSnapshot()));
  };
  save();
  return actor.subscribe(save).unsubscribe;
}
