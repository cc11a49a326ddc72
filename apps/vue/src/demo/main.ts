import '../../../demo.css';
import { createApp } from 'vue';
import App from './App.vue';
import { readDemoConfig, startDemoActor } from './config.js';

const config = readDemoConfig(window.location.search);
const actor = startDemoActor(config, sessionStorage);

createApp(App, { actor, api: config.api }).mount('#app');
