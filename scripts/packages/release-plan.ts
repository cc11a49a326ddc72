/**
 * The versions the pending changesets would publish must be the ones they ask for. Changesets raises a
 * package on its own when a dependency or peer moves out of range (a 0.x minor of a peer once made every
 * package 1.0.0), and the fixed group spreads it: this catches that before a release does.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

type BumpType = 'none' | 'patch' | 'minor' | 'major';
const rank: Record<BumpType, number> = { none: 0, patch: 1, minor: 2, major: 3 };

interface ReleasePlan {
  changesets: Array<{ releases: Array<{ name: string; type: BumpType }> }>;
  releases: Array<{ name: string; type: BumpType; newVersion: string }>;
}

/** Each planned release bumped further than any changeset asked for (within its fixed group). */
export function releasePlanProblems(root: string): string[] {
  const folder = mkdtempSync(join(tmpdir(), 'verifik-release-plan-'));
  try {
    const output = join(folder, 'plan.json');
    execFileSync(join(root, 'node_modules/.bin/changeset'), ['status', `--output=${output}`], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const plan = JSON.parse(readFileSync(output, 'utf8')) as ReleasePlan;
    // All @verifik-auth/* packages are one fixed group, so the largest bump asked for is what each may get.
    const asked = plan.changesets
      .flatMap((changeset) => changeset.releases)
      .reduce<BumpType>(
        (largest, release) => (rank[release.type] > rank[largest] ? release.type : largest),
        'none',
      );
    return plan.releases
      .filter((release) => rank[release.type] > rank[asked])
      .map(
        (release) =>
          `changesets would publish ${release.name}@${release.newVersion} (${release.type}) though the largest bump asked for is ${asked}`,
      );
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
