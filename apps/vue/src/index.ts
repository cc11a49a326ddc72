export {
  provideVerifikLogin,
  useVerifikLoginActor,
  useVerifikLoginContext,
  useVerifikLoginSelector,
} from './lib/provide.js';
export { type CountdownOptions, useCountdown } from './lib/use-countdown.js';
export {
  type LocaleSource,
  type LoginActor,
  type UseVerifikLoginOptions,
  useVerifikLogin,
  type VerifikLogin,
} from './lib/use-verifik-login.js';
