import { type Locale, type LoginLabelKey, loginLabels, registerLocale } from '@verifik-auth/core';
import { es } from '@verifik-auth/core/locales/es';
import { type ComputedRef, computed, type InjectionKey, inject, type Ref, ref } from 'vue';

// The demo speaks Spanish too: its error and field messages are an opt-in import.
registerLocale(es);

/** The page's language, its copy and the API URL, shared by the demo's components. */
export interface DemoSettings {
  locale: Ref<Locale>;
  labels: ComputedRef<Record<LoginLabelKey, string>>;
  /** The API base URL, for the inbox link. */
  api: string;
}

export const demoKey: InjectionKey<DemoSettings> = Symbol('verifik-demo');

/** The settings provided by `App.vue`; English and the default mock URL outside it. */
export function useDemo(): DemoSettings {
  return inject(
    demoKey,
    () => {
      const locale = ref<Locale>('en');
      return { locale, labels: computed(() => loginLabels[locale.value]), api: 'http://127.0.0.1:4010' };
    },
    true,
  );
}
