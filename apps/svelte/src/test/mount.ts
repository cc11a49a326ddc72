import { render } from '@testing-library/svelte';
import type { Component } from 'svelte';
import type { UseVerifikLoginOptions, VerifikLogin } from '../index.js';
import LoginProbe from './LoginProbe.svelte';
import ProvideProbe from './ProvideProbe.svelte';

/** Mounts a component that binds `options` with `useVerifikLogin` and renders its step. */
export function mountLogin(options: UseVerifikLoginOptions) {
  let login: VerifikLogin | undefined;
  const utils = render(LoginProbe, {
    props: {
      options,
      expose: (bound) => {
        login = bound;
      },
    },
  });
  if (!login) throw new Error('not mounted');
  return { login, ...utils };
}

/** Mounts `child` (given `childProps`) under a component that provides a login made of `options`. */
// biome-ignore lint/suspicious/noExplicitAny: any child, with the props it takes.
export function mountProvided(options: UseVerifikLoginOptions, child: Component<any>, childProps = {}) {
  let login: VerifikLogin | undefined;
  const utils = render(ProvideProbe, {
    props: {
      options,
      child,
      childProps,
      expose: (provided) => {
        login = provided;
      },
    },
  });
  if (!login) throw new Error('not mounted');
  return { login, ...utils };
}
