import {
  computed,
  InjectionToken,
  inject,
  type Provider,
  type Signal,
  signal,
  type WritableSignal,
} from '@angular/core';
import {
  type Locale,
  type LoginLabelKey,
  loginLabels,
  registerLocale,
  resolveLocale,
} from '@verifik-auth/core';
import { es } from '@verifik-auth/core/locales/es';
import { localeKey } from '../../../demo-setup.js';
import { type LoginActor, provideVerifikLogin } from '../index.js';

// The demo speaks Spanish too: its error and field messages are an opt-in import.
registerLocale(es);

/** The page's language, its copy and the API URL. */
export interface DemoSettings {
  readonly locale: WritableSignal<Locale>;
  readonly labels: Signal<Record<LoginLabelKey, string>>;
  /** The API base URL, for the inbox link. */
  readonly api: string;
}

export const DEMO_SETTINGS = new InjectionToken<DemoSettings>('DEMO_SETTINGS');

/** The page's language, its copy and the API URL: read them where they are shown. */
export const injectDemo = (): DemoSettings => inject(DEMO_SETTINGS);

function initialLocale(): Locale {
  return resolveLocale(
    typeof sessionStorage === 'undefined' ? 'en' : (sessionStorage.getItem(localeKey) ?? 'en'),
  );
}

/** The demo's settings and one login on `actor`, in the page's language, for every component below. */
export function provideDemo(actor: LoginActor, api: string): Provider[] {
  return [
    {
      provide: DEMO_SETTINGS,
      useFactory: (): DemoSettings => {
        const locale = signal(initialLocale());
        return { locale, labels: computed(() => loginLabels[locale()]), api };
      },
    },
    provideVerifikLogin(() => ({ actor, locale: injectDemo().locale })),
  ];
}
