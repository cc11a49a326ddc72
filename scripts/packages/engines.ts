/**
 * Our `engines.node` is a promise: every runtime dependency (and peer) a package brings must run on every
 * Node.js version it accepts, or users get EBADENGINE (ky 2 declared Node 22 while we said 20.19).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { subset } from 'semver';

type Manifest = {
  name: string;
  engines?: { node?: string };
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
};

const readManifest = (file: string): Manifest => JSON.parse(readFileSync(file, 'utf8'));

/** The dependencies of the package in `folder` whose declared Node.js range is narrower than ours. */
export function engineProblems(folder: string): string[] {
  const manifest = readManifest(join(folder, 'package.json'));
  const ours = manifest.engines?.node;
  if (!ours) return [`${manifest.name} declares no engines.node`];
  const names = Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies });
  return names.flatMap((name) => {
    const file = join(folder, 'node_modules', name, 'package.json');
    if (!existsSync(file)) return [`${name} is not installed in ${folder}: run pnpm install`];
    const theirs = readManifest(file).engines?.node;
    return theirs && !subset(ours, theirs)
      ? [`${name} declares Node.js ${theirs}, narrower than our ${ours}`]
      : [];
  });
}
