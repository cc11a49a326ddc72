import { type Locale, type LoginLabelKey, loginLabels, registerLocale } from '@verifik-auth/core';
import { es } from '@verifik-auth/core/locales/es';
import { getContext, hasContext } from 'svelte';

// The demo speaks Spanish too: its error and field messages are an opt-in import.
registerLocale(es);

/** The page's language, its copy and the API URL, shared by the demo's components (getters over `$state`). */
export interface DemoSettings {
  readonly locale: Locale;
  readonly labels: Record<LoginLabelKey, string>;
  /** The API base URL, for the inbox link. */
  readonly api: string;
}

export const demoKey = Symbol('verifik-demo');

/** The settings set by `App.svelte`; English and the default mock URL outside it. */
export function useDemo(): DemoSettings {
  if (hasContext(demoKey)) return getContext<DemoSettings>(demoKey);
  return { locale: 'en', labels: loginLabels.en, api: 'http://127.0.0.1:4010' };
}
