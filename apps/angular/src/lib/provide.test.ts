import { ChangeDetectionStrategy, Component, InjectionToken, inject } from '@angular/core';
import { fireEvent, screen, waitFor } from '@testing-library/dom';
import { createLoginMachine } from '@verifik-auth/core';
import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { App } from '../demo/app.js';
import { provideDemo } from '../demo/demo-settings.js';
import { mockUrl, otp, uniquePhone } from '../test/mock.js';
import { mount, runInApp } from '../test/mount.js';
import {
  provideVerifikLogin,
  useVerifikLoginActor,
  useVerifikLoginContext,
  useVerifikLoginSelector,
} from './provide.js';
import { type LoginActor, useVerifikLogin } from './use-verifik-login.js';

describe('useVerifikLoginContext', () => {
  it('throws a clear error where no login is provided', async () => {
    const hint = "found no login: add provideVerifikLogin() to an ancestor's providers or the app's.";
    await expect(runInApp(() => useVerifikLoginContext())).rejects.toThrow(
      `useVerifikLoginContext() ${hint}`,
    );
    await expect(runInApp(() => useVerifikLoginSelector((view) => view.step))).rejects.toThrow(
      `useVerifikLoginSelector() ${hint}`,
    );
    await expect(runInApp(() => useVerifikLoginActor())).rejects.toThrow(`useVerifikLoginActor() ${hint}`);
  });

  it('shares one actor with everything below the provider', async () => {
    const { result, unmount } = await runInApp(
      () => ({ login: useVerifikLoginContext(), step: useVerifikLoginSelector((v) => v.step) }),
      [provideVerifikLogin(() => ({ baseUrl: mockUrl() }))],
    );
    await waitFor(() => expect(result.step()).toBe('idle'));
    result.login.sendPhone({ countryCode: '+1', phone: uniquePhone() });
    await waitFor(() => expect(result.login.step()).toBe('awaitingOtp'));
    expect(result.step()).toBe('awaitingOtp');
    // Provided in the application's injector: the child context's end leaves it running.
    unmount();
    expect(result.login.actor.getSnapshot().status).toBe('active');
  });

  it('starts a given actor after the first render and never stops it', async () => {
    const actor = createActor(createLoginMachine({ baseUrl: mockUrl() }));
    const { destroy } = await runInApp(() => useVerifikLoginActor(), [provideVerifikLogin({ actor })]);
    await waitFor(() => expect(actor.getSnapshot().value).toBe('idle'));
    destroy();
    actor.send({ type: 'login.phone', countryCode: '+1', phone: uniquePhone() });
    await waitFor(() => expect(actor.getSnapshot().matches('awaitingOtp')).toBe(true));
    actor.stop();
  });
});

/** Each check of a template that reads only `step`: one entry per render. */
const renders = { context: [] as string[], selector: [] as string[], standalone: [] as string[] };
const probeActor = new InjectionToken<LoginActor>('probe actor');

@Component({
  selector: 'step-probes',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `{{ seen('context', login.step()) }} {{ seen('selector', step()) }} {{ seen('standalone', own.step()) }}`,
})
class StepProbes {
  protected readonly login = useVerifikLoginContext();
  protected readonly step = useVerifikLoginSelector((view) => view.step);
  protected readonly own = useVerifikLogin({ actor: inject(probeActor) });
  protected seen(probe: keyof typeof renders, step: string): string {
    renders[probe].push(step);
    return step;
  }
}

@Component({
  selector: 'demo-with-probes',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [App, StepProbes],
  template: '<verifik-demo /><step-probes />',
})
class DemoWithProbes {}

describe('the Angular demo', () => {
  it('renders what reads only `step` once per step change over the whole phone flow', async () => {
    const actor = createActor(createLoginMachine({ baseUrl: mockUrl() }));
    const snapshots: unknown[] = [];
    actor.subscribe((snapshot) => snapshots.push(snapshot));
    await mount(DemoWithProbes, [...provideDemo(actor, mockUrl()), { provide: probeActor, useValue: actor }]);

    // Along the way: typing, a field error, a gateway switch, busy flags, countdown ticks. None is a step.
    fireEvent.click(await screen.findByRole('button', { name: 'Send code' }));
    await screen.findByText('This field is required.');
    fireEvent.input(screen.getByRole('textbox', { name: 'Phone number' }), {
      target: { value: uniquePhone() },
    });
    fireEvent.click(screen.getByRole('radio', { name: 'SMS' }));
    fireEvent.click(screen.getByRole('button', { name: 'Send code' }));
    const code = await screen.findByRole('textbox', { name: 'Verification code' });
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    fireEvent.input(code, { target: { value: otp() } });
    fireEvent.click(screen.getByRole('button', { name: 'Verify' }));
    await screen.findByRole('heading', { name: 'Signed in' });

    const steps = ['restoring', 'idle', 'sending', 'awaitingOtp', 'confirming', 'authenticated'];
    expect(renders).toEqual({ context: steps, selector: steps, standalone: steps });
    // Not because there were as few snapshots: the field error and the countdown made more.
    expect(snapshots.length).toBeGreaterThan(steps.length);
    actor.stop();
  });
});
