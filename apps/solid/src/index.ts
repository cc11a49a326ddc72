export {
  useVerifikLoginActor,
  useVerifikLoginContext,
  useVerifikLoginSelector,
  VerifikLoginProvider,
  type VerifikLoginProviderProps,
} from './lib/provider.js';
export { type CountdownOptions, useCountdown } from './lib/use-countdown.js';
export { type LoginActor, type UseVerifikLoginOptions, useVerifikLogin } from './lib/use-verifik-login.js';
