import '../../../demo.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { readDemoConfig, startDemoActor } from '../../../demo-setup.js';
import { App } from './App.js';

const config = readDemoConfig(window.location.search);
const actor = startDemoActor(config, sessionStorage);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App actor={actor} api={config.api} />
  </StrictMode>,
);
