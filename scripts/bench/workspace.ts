/**
 * Where things are. The repository root does not depend on the core, so the bench reaches its source by
 * path, and loads the core's own copy of XState (the very module instance the core runs on) for the
 * baseline machine.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';

export const root = join(import.meta.dirname, '..', '..');
export const coreDir = join(root, 'packages', 'core');
export const coreSrcDir = join(coreDir, 'src');

/** `require` as seen from the core package: in Node, its `import 'xstate'` lands on this same CJS build. */
export const requireFromCore = createRequire(join(coreDir, 'package.json'));
