import { type Locale, type LoginLabelKey, loginLabels } from '@verifik-auth/core';
import { createContext, useContext } from 'react';

export interface DemoSettings {
  locale: Locale;
  labels: Record<LoginLabelKey, string>;
  /** The API base URL, for the inbox link. */
  api: string;
}

export const DemoContext = createContext<DemoSettings>({
  locale: 'en',
  labels: loginLabels.en,
  api: 'http://127.0.0.1:4010',
});

/** The page's language, its copy and the API URL. */
export const useDemo = () => useContext(DemoContext);
