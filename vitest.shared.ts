/**
 * Settings every Vitest project shares. The `source` export condition makes workspace packages
 * resolve to each other's TypeScript source, so tests need no build step.
 */
const conditions = ['source', 'module', 'import', 'default'];

export const sharedProjectConfig = {
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: ['source'] } },
};
