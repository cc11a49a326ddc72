export { provideVerifikLogin, useVerifikLoginActor, useVerifikLoginContext, useVerifikLoginSelector, } from './lib/provide.svelte.js';
export { useCountdown } from './lib/use-countdown.svelte.js';
export { useVerifikLogin, } from './lib/use-verifik-login.svelte.js';
