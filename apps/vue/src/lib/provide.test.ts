import { render, waitFor } from '@testing-library/vue';
import { createLoginMachine, registerLocale } from '@verifik-auth/core';
import { es } from '@verifik-auth/core/locales/es';
import { describe, expect, it, vi } from 'vitest';
import { type ComputedRef, defineComponent, h, ref, watch } from 'vue';
import { createActor } from 'xstate';
import { fixedOtp, mockUrl, uniquePhone } from '../test/helpers.js';
import {
  provideVerifikLogin,
  useVerifikLoginActor,
  useVerifikLoginContext,
  useVerifikLoginSelector,
} from './provide.js';
import type { LoginActor, VerifikLogin } from './use-verifik-login.js';

// Spanish is opt-in: an app registers it once, as the demo does.
registerLocale(es);

/** A child that only reads the shared login: it renders the step and error, and can submit a code. */
const Child = defineComponent({
  setup() {
    const login = useVerifikLoginContext();
    return () =>
      h('div', [
        h('p', { 'data-testid': 'step' }, login.step),
        h('p', { role: 'alert' }, login.error?.message ?? ''),
        h('button', { onClick: () => login.submitOtp('000000') }, 'Wrong code'),
      ]);
  },
});

describe('provideVerifikLogin / useVerifikLoginContext', () => {
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
        provideVerifikLogin({ actor, locale: 'es' });
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

  it('says what is missing when nothing was provided, naming the composable called', () => {
    const thrown: Record<string, unknown> = {};
    const composables = {
      useVerifikLoginContext,
      useVerifikLoginActor,
      useVerifikLoginSelector: () => useVerifikLoginSelector((view) => view.step),
    };
    const Orphan = defineComponent({
      setup() {
        for (const [name, use] of Object.entries(composables)) {
          try {
            use();
          } catch (error) {
            thrown[name] = error;
          }
        }
        return () => null;
      },
    });
    render(Orphan);
    for (const name of Object.keys(composables)) {
      expect(thrown[name]).toBeInstanceOf(Error);
      expect((thrown[name] as Error).message).toBe(
        `${name}() found no login: call provideVerifikLogin() in an ancestor component.`,
      );
    }
  });
});

describe('useVerifikLoginSelector', () => {
  it('selects one part as a read-only computed ref that changes only when that part does', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    let login: VerifikLogin | undefined;
    let step: ComputedRef<string> | undefined;
    let codeStep: ComputedRef<{ code: boolean }> | undefined;
    const changes = { step: 0, codeStep: 0 };
    const Selecting = defineComponent({
      setup() {
        step = useVerifikLoginSelector((view) => view.step);
        // A new object on every evaluation, equal field by field while the step stays a code step.
        codeStep = useVerifikLoginSelector((view) => ({
          code: view.step === 'awaitingOtp' || view.step === 'confirming',
        }));
        watch(step, () => changes.step++, { flush: 'sync' });
        watch(codeStep, () => changes.codeStep++, { flush: 'sync' });
        return () => h('p', { 'data-testid': 'step' }, step?.value);
      },
    });
    const Parent = defineComponent({
      setup() {
        login = provideVerifikLogin({ baseUrl: mockUrl() });
        return () => h(Selecting);
      },
    });
    const { getByTestId } = render(Parent);
    await waitFor(() => expect(getByTestId('step').textContent).toBe('idle'));
    Object.assign(changes, { step: 0, codeStep: 0 });

    login?.sendPhone({ countryCode: '+1', phone: uniquePhone() });
    await waitFor(() => expect(step?.value).toBe('awaitingOtp'));
    login?.submitOtp('000000');
    await waitFor(() => expect(login?.attempts).toBe(1));
    expect(step?.value).toBe('awaitingOtp');
    expect(codeStep?.value).toEqual({ code: true });
    // idle → sending → awaitingOtp → confirming → awaitingOtp, but a code step only from the third on.
    expect(changes).toEqual({ step: 4, codeStep: 1 });

    (step as unknown as { value: string }).value = 'authenticated';
    expect(step?.value).toBe('awaitingOtp');
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/readonly/));
    warn.mockRestore();
  });
});

describe('useVerifikLoginActor', () => {
  it('gives descendants the actor behind the provided login, created or given', () => {
    const given: LoginActor = createActor(createLoginMachine({ baseUrl: mockUrl() }));
    const found: Record<string, LoginActor> = {};
    const provided: Record<string, VerifikLogin> = {};
    const Reader = defineComponent({
      props: { name: { type: String, required: true } },
      setup(props) {
        found[props.name] = useVerifikLoginActor();
        return () => null;
      },
    });
    const Parent = defineComponent({
      props: { name: { type: String, required: true } },
      setup(props) {
        const options = props.name === 'given' ? { actor: given } : { baseUrl: mockUrl() };
        provided[props.name] = provideVerifikLogin(options);
        return () => h(Reader, { name: props.name });
      },
    });
    render(Parent, { props: { name: 'given' } });
    render(Parent, { props: { name: 'created' } });
    expect(found.given).toBe(given);
    expect(provided.given?.actor).toBe(given);
    expect(found.created).toBe(provided.created?.actor);
    expect(found.created).not.toBe(given);
    given.stop();
  });
});
