import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where this run keeps each demo's build, shared by every e2e file (see `startDemo`). */
    demoBuilds: string;
  }
}

/** One folder of demo builds per run: each demo is built once, whichever files serve it. */
export default async function setup(project: TestProject) {
  const dir = await mkdtemp(join(tmpdir(), 'verifik-demo-builds-'));
  project.provide('demoBuilds', dir);
  return () => rm(dir, { recursive: true, force: true });
}
