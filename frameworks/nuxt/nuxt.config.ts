// https://nuxt.com/docs/api/configuration/nuxt-config
export default defineNuxtConfig({
  compatibilityDate: '2025-07-15',
  devtools: { enabled: true },
  // No telemetry (no network but the registry here), and no prompt asking for it.
  telemetry: false,
});
