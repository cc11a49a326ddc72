/**
 * Settings every Vitest project shares. The `@verifik-auth/source` export condition makes workspace packages
 * resolve to each other's TypeScript source, so tests need no build step.
 */
const conditions = ['@verifik-auth/source', 'module', 'import', 'default'];

export const sharedProjectConfig = {
  resolve: { conditions },
  // A hang's safety net, not a speed check: the suite runs two workers beside the Chromium path run
  // on a 2-core machine, where Vitest's 5 s default cut off heavier tests that were only slow.
  test: { testTimeout: 20_000 },
  ssr: { resolve: { conditions, externalConditions: ['@verifik-auth/source'] } },
};
