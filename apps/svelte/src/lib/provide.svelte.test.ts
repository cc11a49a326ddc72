import { render, waitFor } from '@testing-library/svelte';
import { createLoginMachine, registerLocale } from '@verifik-auth/core';
import { es } from '@verifik-auth/core/locales/es';
import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import ActorReader from '../test/ActorReader.svelte';
import ContextChild from '../test/ContextChild.svelte';
import { fixedOtp, mockUrl, uniquePhone } from '../test/helpers.js';
import { mountProvided } from '../test/mount.js';
import OrphanProbe from '../test/OrphanProbe.svelte';
import SelectorChild from '../test/SelectorChild.svelte';
import type { Current } from './provide.svelte.js';
import type { LoginActor } from './use-verifik-login.svelte.js';

// Spanish is opt-in: an app registers it once, as the demo does.
registerLocale(es);

describe('provideVerifikLogin / useVerifikLoginContext', () => {
  it('shares one login, created from options, with descendants', async () => {
    let locale = $state('en');
    const { login, getByTestId, getByRole } = mountProvided(
      { baseUrl: mockUrl(), locale: () => locale },
      ContextChild,
    );
    await waitFor(() => expect(getByTestId('step').textContent).toBe('idle'));

    login.sendPhone({ countryCode: '+1', phone: uniquePhone() });
    await waitFor(() => expect(getByTestId('step').textContent).toBe('awaitingOtp'));
    getByRole('button', { name: 'Wrong code' }).click();
    await waitFor(() => expect(getByRole('alert').textContent).toMatch(/not right/));

    locale = 'es';
    await waitFor(() => expect(getByRole('alert').textContent).toMatch(/no es correcto/));
    login.submitOtp(fixedOtp());
    await waitFor(() => expect(getByTestId('step').textContent).toBe('authenticated'));
  });

  it('binds an actor that the caller runs', async () => {
    const actor: LoginActor = createActor(createLoginMachine({ baseUrl: mockUrl() })).start();
    const { getByTestId, unmount } = mountProvided({ actor, locale: 'es' }, ContextChild);
    await waitFor(() => expect(getByTestId('step').textContent).toBe('idle'));
    actor.send({ type: 'login.email', email: 'nope' });
    await waitFor(() => expect(actor.getSnapshot().context.fieldErrors.email).toBe('email_format'));
    unmount();
    // The caller owns it: destroying the component does not stop it.
    expect(actor.getSnapshot().status).toBe('active');
    actor.stop();
  });

  it('says what is missing when nothing was provided, naming the function called', () => {
    let thrown: Record<string, unknown> = {};
    render(OrphanProbe, {
      props: {
        expose: (errors) => {
          thrown = errors;
        },
      },
    });
    const names = ['useVerifikLoginContext', 'useVerifikLoginActor', 'useVerifikLoginSelector'];
    expect(Object.keys(thrown).sort()).toEqual([...names].sort());
    for (const name of names) {
      expect(thrown[name]).toBeInstanceOf(Error);
      expect((thrown[name] as Error).message).toBe(
        `${name}() found no login: call provideVerifikLogin() in an ancestor component.`,
      );
    }
  });
});

describe('useVerifikLoginSelector', () => {
  it('selects one part, read as `current`, that changes only when that part does', async () => {
    let selected: { step: Current<string>; codeStep: Current<{ code: boolean }> } | undefined;
    const { login, getByTestId } = mountProvided({ baseUrl: mockUrl() }, SelectorChild, {
      expose: (found: typeof selected) => {
        selected = found;
      },
    });
    await waitFor(() => expect(getByTestId('step').textContent).toBe('idle'));
    if (!selected) throw new Error('not mounted');
    const { step, codeStep } = selected;
    const changes = { step: 0, codeStep: 0 };
    const stop = $effect.root(() => {
      $effect(() => {
        void step.current;
        changes.step++;
      });
      $effect(() => {
        void codeStep.current;
        changes.codeStep++;
      });
    });
    flushSync();
    Object.assign(changes, { step: 0, codeStep: 0 });
    // Each snapshot flushed on its own: no step is merged into the next.
    login.actor.subscribe(() => flushSync());

    login.sendPhone({ countryCode: '+1', phone: uniquePhone() });
    await waitFor(() => expect(step.current).toBe('awaitingOtp'));
    login.submitOtp('000000');
    await waitFor(() => expect(login.attempts).toBe(1));
    flushSync();
    expect(step.current).toBe('awaitingOtp');
    expect(codeStep.current).toEqual({ code: true });
    // idle → sending → awaitingOtp → confirming → awaitingOtp, but a code step only from the third on.
    expect(changes).toEqual({ step: 4, codeStep: 1 });
    expect(() => {
      (step as { current: string }).current = 'authenticated';
    }).toThrow(TypeError);
    stop();
  });
});

describe('useVerifikLoginActor', () => {
  it('gives descendants the actor behind the provided login, created or given', () => {
    const given: LoginActor = createActor(createLoginMachine({ baseUrl: mockUrl() }));
    const found: LoginActor[] = [];
    const reader = { expose: (actor: LoginActor) => found.push(actor) };
    const fromGiven = mountProvided({ actor: given }, ActorReader, reader);
    const created = mountProvided({ baseUrl: mockUrl() }, ActorReader, reader);
    expect(found).toEqual([given, created.login.actor]);
    expect(fromGiven.login.actor).toBe(given);
    expect(created.login.actor).not.toBe(given);
    given.stop();
  });
});
