import { type Locale, type LoginLabelKey, loginLabels, registerLocale } from '@verifik-auth/core';
import { es } from '@verifik-auth/core/locales/es';
import { createContext, useContext } from 'solid-js';

// The demo speaks Spanish too: its error and field messages are an opt-in import.
registerLocale(es);

/** The page's language, its copy and the API URL; reactive getters where the App provides them. */
export interface DemoSettings {
  readonly locale: Locale;
  readonly labels: Record<LoginLabelKey, string>;
  /** The API base URL, for the inbox link. */
  readonly api: string;
}

export const DemoContext = createContext<DemoSettings>({
  locale: 'en',
  labels: loginLabels.en,
  api: 'http://127.0.0.1:4010',
});

/** The page's language, its copy and the API URL: read them where they are shown. */
export const useDemo = () => useContext(DemoContext);
