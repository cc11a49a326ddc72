import '../../../demo.css';
import { mount } from 'svelte';
import { readDemoConfig, startDemoActor } from '../../../demo-setup.js';
import App from './App.svelte';

const config = readDemoConfig(window.location.search);
const actor = startDemoActor(config, sessionStorage);
const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app');

mount(App, { target, props: { actor, api: config.api } });
