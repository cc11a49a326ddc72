import '../../../demo.css';
import { provideZonelessChangeDetection } from '@angular/core';
import { bootstrapApplication } from '@angular/platform-browser';
import { readDemoConfig, startDemoActor } from '../../../demo-setup.js';
import { App } from './app.js';
import { provideDemo } from './demo-settings.js';

// This demo's server has no server-mode handler: `?server=1` is ignored and the page stays in browser mode.
const config = readDemoConfig(window.location.search);
const actor = startDemoActor(config, sessionStorage);

bootstrapApplication(App, {
  providers: [provideZonelessChangeDetection(), provideDemo(actor, config.api)],
}).catch((error: unknown) => console.error(error));
