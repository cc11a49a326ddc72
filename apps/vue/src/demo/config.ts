import { createLoginMachine, webStorage } from '@verifik-auth/core';
import { createActor, type Snapshot } from 'xstate';
import type { LoginActor } from '../index.js';

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

/**
 * Starts the page's login actor: sessions in `storage` (sessionStorage in the page), resuming the stored
 * snapshot when it still fits the machine, and writing the persisted snapshot back on every change.
 */
export function startDemoActor(config: DemoConfig, storage: Storage): LoginActor {
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
  return actor;
}

function resume(machine: ReturnType<typeof createLoginMachine>, storage: Storage): LoginActor | undefined {
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
