import { render, waitFor } from '@testing-library/vue';
import { createLoginMachine, registerLocale } from '@verifik-auth/core';
import { es } from '@verifik-auth/core/locales/es';
import { describe, expect, it } from 'vitest';
import { defineComponent, h, ref } from 'vue';
import { createActor } from 'xstate';
import { fixedOtp, mockUrl, uniquePhone } from '../test/helpers.js';
import { injectVerifikLogin, provideVerifikLogin } from './provide.js';
import type { LoginActor, VerifikLogin } from './use-verifik-login.js';

// Spanish is opt-in: an app registers it once, as the demo does.
registerLocale(es);

/** A child that only injects: it renders the step and error, and can submit a code. */
const Child = defineComponent({
  setup() {
    const login = injectVerifikLogin();
    return () =>
      h('div', [
        h('p', { 'data-testid': 'step' }, login.step),
        h('p', { role: 'alert' }, login.error?.message ?? ''),
        h('button', { onClick: () => login.submitOtp('000000') }, 'Wrong code'),
      ]);
  },
});

describe('provideVerifikLogin / injectVerifikLogin', () => {
  it('shares one login, created from options, with descendants', async () => {
    const locale = ref('en');
    let login: VerifikLogin | undefined;
    const Parent = defineComponent({
      setup() {
        login = provideVerifikLogin({ baseUrl: mockUrl(), locale });
        return () => h(Child);
      },
    });
    const { getByTestId, getByRole } = render(Parent);
    await waitFor(() => expect(getByTestId('step').textContent).toBe('idle'));

    login?.sendPhone({ countryCode: '+1', phone: uniquePhone() });
    await waitFor(() => expect(getByTestId('step').textContent).toBe('awaitingOtp'));
    getByRole('button', { name: 'Wrong code' }).click();
    await waitFor(() => expect(getByRole('alert').textContent).toMatch(/not right/));

    locale.value = 'es';
    await waitFor(() => expect(getByRole('alert').textContent).toMatch(/no es correcto/));
    login?.submitOtp(fixedOtp());
    await waitFor(() => expect(getByTestId('step').textContent).toBe('authenticated'));
  });

  it('binds an actor that the caller runs', async () => {
    const actor: LoginActor = createActor(createLoginMachine({ baseUrl: mockUrl() })).start();
    const Parent = defineComponent({
      setup() {
        provideVerifikLogin(actor, 'es');
        return () => h(Child);
      },
    });
    const { getByTestId, unmount } = render(Parent);
    await waitFor(() => expect(getByTestId('step').textContent).toBe('idle'));
    actor.send({ type: 'login.email', email: 'nope' });
    await waitFor(() => expect(actor.getSnapshot().context.fieldErrors.email).toBe('email_format'));
    unmount();
    // The caller owns it: unmounting does not stop it.
    expect(actor.getSnapshot().status).toBe('active');
    actor.stop();
  });

  it('says what is missing when nothing was provided', () => {
    let thrown: unknown;
    const Orphan = defineComponent({
      setup() {
        try {
          injectVerifikLogin();
        } catch (error) {
          thrown = error;
        }
        return () => null;
      },
    });
    render(Orphan);
    expect(thrown).toBeInstanceOf(Error);
    expect((thrown as Error).message).toMatch(/provideVerifikLogin\(\)/);
  });
});
