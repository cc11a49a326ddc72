import '../../../demo.css';
import { render } from 'solid-js/web';
import { readDemoConfig, startDemoActor } from '../../../demo-setup.js';
import { App } from './App.js';

// This demo's server has no server-mode handler: `?server=1` is ignored and the page stays in browser mode.
const config = readDemoConfig(window.location.search);
const actor = startDemoActor(config, sessionStorage);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
render(() => <App actor={actor} api={config.api} />, root);
