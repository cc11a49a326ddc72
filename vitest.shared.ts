/**
 * Settings every Vitest project shares. The `@verifik-auth/source` export condition makes workspace packages
 * resolve to each other's TypeScript source, so tests need no build step.
 */
const conditions = ['@verifik-auth/source', 'module', 'import', 'default'];

export const sharedProjectConfig = {
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: ['@verifik-auth/source'] } },
};
