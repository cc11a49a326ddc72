import { connect, type Locale, type LoginMachine, type LoginView, registerLocale } from '@verifik-auth/core';
import { es } from '@verifik-auth/core/locales/es';
import type { Actor } from 'xstate';

// `--lang es`: the core's Spanish error and field messages are an opt-in import.
registerLocale(es);

/**
 * The running login as a stream of `connect()` views: the CLI's whole binding to the machine, the
 * terminal's counterpart of `useSyncExternalStore(subscribe, getSnapshot)`.
 */
export class ViewSource {
  readonly #actor: Actor<LoginMachine>;
  readonly #locale: Locale;

  constructor(actor: Actor<LoginMachine>, locale: Locale) {
    this.#actor = actor;
    this.#locale = locale;
  }

  /** The view of the machine as it is now. */
  get current(): LoginView {
    return connect(this.#actor.getSnapshot(), this.#actor.send, { locale: this.#locale });
  }

  /** Resolves with the first view (the current one included) that satisfies `predicate`. */
  waitFor(predicate: (view: LoginView) => boolean, signal: AbortSignal): Promise<LoginView> {
    const view = this.current;
    if (predicate(view)) return Promise.resolve(view);
    if (signal.aborted) return Promise.reject(signal.reason);
    return new Promise((resolve, reject) => {
      const stop = () => {
        subscription.unsubscribe();
        signal.removeEventListener('abort', onAbort);
      };
      const onAbort = () => {
        stop();
        reject(signal.reason);
      };
      const subscription = this.#actor.subscribe({
        next: (snapshot) => {
          const next = connect(snapshot, this.#actor.send, { locale: this.#locale });
          if (!predicate(next)) return;
          stop();
          resolve(next);
        },
        error: (error) => {
          stop();
          reject(error);
        },
      });
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  /**
   * A signal that aborts as soon as a view no longer satisfies `holds`: "the code expired while the
   * person was typing it". Call `dispose()` when done watching.
   */
  watch(holds: (view: LoginView) => boolean): { signal: AbortSignal; dispose(): void } {
    const controller = new AbortController();
    if (!holds(this.current)) {
      controller.abort();
      return { signal: controller.signal, dispose: () => {} };
    }
    const subscription = this.#actor.subscribe((snapshot) => {
      if (holds(connect(snapshot, this.#actor.send, { locale: this.#locale }))) return;
      subscription.unsubscribe();
      controller.abort();
    });
    return { signal: controller.signal, dispose: () => subscription.unsubscribe() };
  }
}
