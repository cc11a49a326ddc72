import '../../../demo.css';
import { createLoginMachine, webStorage } from '@verifik-auth/core';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createActor, type Snapshot } from 'xstate';
import type { LoginActor } from '../index.js';
import { App } from './App.js';
import { loadSnapshot, persistSnapshots, readDemoConfig, snapshotKey } from './config.js';

const config = readDemoConfig(window.location.search);
const machine = createLoginMachine({
  baseUrl: config.api,
  resendCooldownMs: config.cooldownMs,
  autoRefresh: config.autoRefreshMs === undefined ? false : { beforeExpiryMs: config.autoRefreshMs },
  storage: webStorage(sessionStorage),
});

/** Resumes the stored snapshot when it still fits the machine; otherwise starts fresh. */
function startActor(): LoginActor {
  const snapshot = loadSnapshot(sessionStorage);
  if (snapshot) {
    try {
      const actor = createActor(machine, { snapshot: snapshot as Snapshot<unknown> }).start();
      if (actor.getSnapshot().status === 'active') return actor;
      actor.stop();
    } catch {
      // Written by an older version of the page: start over.
    }
    sessionStorage.removeItem(snapshotKey);
  }
  return createActor(machine).start();
}

const actor = startActor();
persistSnapshots(actor, sessionStorage);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App actor={actor} api={config.api} />
  </StrictMode>,
);
