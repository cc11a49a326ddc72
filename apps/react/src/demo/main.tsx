import '../../../demo.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { readDemoConfig, startDemoActor } from '../../../demo-setup.js';
import { App } from './App.js';

// This demo's Vite server mounts the server-mode handler (../../server-mode-plugin.ts): `?server=1` works here.
const config = readDemoConfig(window.location.search, { serverMode: true });
const actor = startDemoActor(config, sessionStorage);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App actor={actor} api={config.api} />
  </StrictMode>,
);
