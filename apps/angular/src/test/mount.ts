import {
  type ApplicationRef,
  createEnvironmentInjector,
  type EnvironmentInjector,
  type Provider,
  provideZonelessChangeDetection,
  runInInjectionContext,
  type Type,
} from '@angular/core';
import { createApplication } from '@angular/platform-browser';

/** A zoneless Angular application of a test, and what it rendered. */
export interface Mounted {
  app: ApplicationRef;
  /** Resolves once Angular has rendered pending changes (change detection, render hooks, effects). */
  rendered(): Promise<void>;
  /** Destroys the application: its components, injectors and effects. */
  destroy(): void;
}

const mounted = new Set<Mounted>();

async function start(providers: Provider[]): Promise<Omit<Mounted, 'destroy'> & { app: ApplicationRef }> {
  const app = await createApplication({ providers: [provideZonelessChangeDetection(), ...providers] });
  return { app, rendered: () => app.whenStable() };
}

/** Renders `component` into a fresh element of the document, as `bootstrapApplication` does. */
export async function mount(component: Type<unknown>, providers: Provider[] = []): Promise<Mounted> {
  const { app, rendered } = await start(providers);
  const host = document.body.appendChild(document.createElement('div'));
  app.bootstrap(component, host);
  const result: Mounted = {
    app,
    rendered,
    destroy() {
      mounted.delete(result);
      app.destroy();
      host.remove();
    },
  };
  mounted.add(result);
  await rendered();
  return result;
}

/**
 * Runs `create` in an injection context of its own (a child of a zoneless application), as a
 * component's field initialiser would: `unmount()` destroys that context only, `destroy()` the app.
 */
export async function runInApp<T>(
  create: () => T,
  providers: Provider[] = [],
  { stable = true }: { stable?: boolean } = {},
): Promise<Mounted & { result: T; injector: EnvironmentInjector; unmount(): void }> {
  const { app, rendered } = await start(providers);
  const injector = createEnvironmentInjector([], app.injector);
  const result = runInInjectionContext(injector, create);
  const hook = {
    app,
    rendered,
    result,
    injector,
    unmount: () => injector.destroy(),
    destroy() {
      mounted.delete(hook);
      app.destroy();
    },
  };
  mounted.add(hook);
  // The first tick runs `afterNextRender` (which starts the actor) and the effects. Under fake timers
  // (`stable: false`) the scheduler's timer never fires: the test calls `app.tick()` itself.
  if (stable) await rendered();
  return hook;
}

/** Destroys every application the test made (setup.ts calls it after each test). */
export function destroyAll(): void {
  for (const entry of [...mounted]) entry.destroy();
}
