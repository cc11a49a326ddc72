// The globals of a React Native app, put in place for one test file and put back after it: what
// Hermes and React Native lack is removed, what React Native sets up itself is set as it sets it.
import * as whatwg from 'whatwg-fetch';
import { NativeXMLHttpRequest } from './native-xhr.js';

/** Browser and Node globals an app on a phone does not have. */
const missing = ['document', 'BroadcastChannel', 'sessionStorage', 'localStorage', 'ReadableStream'];

/**
 * Removes and replaces globals as described above; returns the function that puts every one back, so
 * that other test files in the same worker see Node's globals again.
 */
export function installReactNativeGlobals(): () => void {
  const saved = new Map<string, PropertyDescriptor | undefined>();
  const keep = (name: string) => {
    if (!saved.has(name)) saved.set(name, Object.getOwnPropertyDescriptor(globalThis, name));
  };
  const set = (name: string, value: unknown) => {
    keep(name);
    Object.defineProperty(globalThis, name, { value, configurable: true, writable: true });
  };

  for (const name of missing) {
    keep(name);
    delete (globalThis as Record<string, unknown>)[name];
  }
  // React Native's own set-up (setUpGlobals, setUpNavigator): `window` and `self` are the global object,
  // with no DOM behind them; `navigator` only names the product, so there is no `navigator.locks`.
  set('window', globalThis);
  set('self', globalThis);
  set('navigator', { product: 'ReactNative' });
  // Its fetch and classes are whatwg-fetch's (setUpXHR), over the platform's XMLHttpRequest.
  set('XMLHttpRequest', NativeXMLHttpRequest);
  set('fetch', whatwg.fetch);
  set('Headers', whatwg.Headers);
  set('Request', whatwg.Request);
  set('Response', whatwg.Response);
  // What React Native's Jest preset sets: react-test-renderer in its React Native mode, act() expected.
  set('IS_REACT_NATIVE_TEST_ENVIRONMENT', true);
  set('IS_REACT_ACT_ENVIRONMENT', true);

  return () => {
    for (const [name, descriptor] of saved) {
      delete (globalThis as Record<string, unknown>)[name];
      if (descriptor) Object.defineProperty(globalThis, name, descriptor);
    }
  };
}
