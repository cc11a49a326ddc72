/**
 * The first step of `pnpm test`: finds every program outside npm the tests need (see programs.ts:
 * Chromium for the end-to-end tests, redis-server for the Redis store's tests).
 * When one is missing and this is Debian/Ubuntu run as root (CI, a container), it installs the Debian
 * package and says so; anywhere else it stops at once with the instructions, instead of failing
 * minutes later in the tests that need it.
 */
import { execFileSync } from 'node:child_process';
import { isExecutable, type SystemProgram, systemPrograms } from './programs.js';

function tryFind(program: SystemProgram): { path: string } | { problem: string } {
  try {
    return { path: program.find() };
  } catch (error) {
    return { problem: error instanceof Error ? error.message : String(error) };
  }
}

const canInstall = process.getuid?.() === 0 && isExecutable('/usr/bin/apt-get');
const missing: SystemProgram[] = [];

for (const program of systemPrograms) {
  const found = tryFind(program);
  if ('path' in found) {
    console.log(`setup: ${program.name}: ${found.path}`);
    continue;
  }
  // A path the user set on purpose is theirs to fix; installing another copy would hide the mistake.
  if (!canInstall || process.env[program.envVariable]) {
    console.error(`setup: ${program.name} is needed by ${program.neededBy}.\n  ${found.problem}`);
    process.exit(1);
  }
  missing.push(program);
}

if (missing.length > 0) {
  const packages = missing.map((program) => program.debianPackage);
  console.log(`setup: installing Debian's ${packages.join(', ')} (apt-get, as root): needed by the tests`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  try {
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '-qq', ...packages], {
      stdio: ['ignore', 'ignore', 'inherit'],
      env,
    });
  } catch {
    const names = missing.map((program) => program.name).join(', ');
    const variables = missing.map((program) => program.envVariable).join(', ');
    console.error(
      `setup: apt-get could not install ${packages.join(', ')} (its messages are above). ` +
        `Install ${names} yourself, or point ${variables} at it.`,
    );
    process.exit(1);
  }
  for (const program of missing) {
    const found = tryFind(program);
    if ('problem' in found) {
      console.error(
        `setup: ${program.name} is still missing after installing ${program.debianPackage}.\n  ${found.problem}`,
      );
      process.exit(1);
    }
    console.log(`setup: ${program.name}: ${found.path} (installed)`);
  }
}
