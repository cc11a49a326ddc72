export {
  type Current,
  provideVerifikLogin,
  useVerifikLoginActor,
  useVerifikLoginContext,
  useVerifikLoginSelector,
} from './lib/provide.svelte.js';
export { type CountdownOptions, useCountdown } from './lib/use-countdown.svelte.js';
export {
  type LocaleSource,
  type LoginActor,
  type UseVerifikLoginOptions,
  useVerifikLogin,
  type VerifikLogin,
} from './lib/use-verifik-login.svelte.js';
