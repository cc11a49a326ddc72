export {
  provideVerifikLogin,
  useVerifikLoginActor,
  useVerifikLoginContext,
  useVerifikLoginSelector,
  VERIFIK_LOGIN,
} from './lib/provide.js';
export { type CountdownOptions, useCountdown } from './lib/use-countdown.js';
export {
  type LocaleSource,
  type LoginActor,
  type LoginSignals,
  type UseVerifikLoginOptions,
  useVerifikLogin,
  type VerifikLogin,
} from './lib/use-verifik-login.js';
