/**
 * `pnpm pack:all [folder]`: every publishable package as the tarball npm would get, in one folder
 * (default `.packs/`), for a pre-release tester: `npm i <folder>/*.tgz xstate` in any app installs
 * them as from npm. `pnpm pack:all` builds first.
 */
import { relative, resolve } from 'node:path';
import { packAll, problemsOf, root } from './pack.js';

const destination = resolve(process.argv[2] ?? resolve(root, '.packs'));
const packed = packAll(destination);
const problems = packed.flatMap(({ tarball }) => problemsOf(tarball));
for (const { name, tarball } of packed) console.log(`${name.padEnd(28)} ${relative(process.cwd(), tarball)}`);
if (problems.length) {
  console.error(`\nNot fit to publish:\n  ${problems.join('\n  ')}`);
  process.exitCode = 1;
} else {
  console.log(
    `\nIn your app: npm i ${destination}/verifik-auth-core-*.tgz … xstate (the tarballs you need, and xstate)`,
  );
}
