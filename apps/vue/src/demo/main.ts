import '../../../demo.css';
import { createApp } from 'vue';
import { readDemoConfig, startDemoActor } from '../../../demo-setup.js';
import App from './App.vue';

const config = readDemoConfig(window.location.search);
const actor = startDemoActor(config, sessionStorage);

createApp(App, { actor, api: config.api }).mount('#app');
