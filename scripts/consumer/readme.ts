/**
 * The README's code snippets are fixture sources: an HTML comment naming a file of `consumer/` right
 * before a fenced block, e.g. `<!-- consumer/react/src/Login.tsx -->`, ties the block to that file, and
 * the two must be equal (the file may end with one newline more). The consumer test type-checks and
 * builds those files, so a snippet that stops compiling fails the test instead of misleading a reader.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Each README with snippets (the repository's, and those npm shows on the packages' pages), and the
 * fixture files that must stay tied to one of its blocks (each at least once).
 */
export const readmeSnippetFiles: Record<string, readonly string[]> = {
  'README.md': [
    'consumer/react/src/QuickStart.tsx',
    'consumer/node/src/readme.ts',
    'consumer/react/src/Login.tsx',
    'consumer/vue/src/Login.vue',
    'consumer/react/src/any-framework.ts',
    'consumer/next/app/page.tsx',
  ],
  'packages/core/README.md': ['consumer/node/src/readme.ts'],
  'apps/react/README.md': ['consumer/react/src/QuickStart.tsx'],
  'apps/vue/README.md': ['consumer/vue/src/Login.vue'],
  'apps/svelte/README.md': ['consumer/svelte/src/Login.svelte'],
  'apps/solid/README.md': ['consumer/solid/src/Login.tsx'],
};

export interface ReadmeTie {
  file: string;
  /** 1-based line of the marker in the README. */
  line: number;
  block: string;
}

/** Every marker followed by a fenced block. A marker with no block right after it is a problem too. */
export function readmeTies(readme: string, name = 'README.md'): { ties: ReadmeTie[]; problems: string[] } {
  const lines = readme.split('\n');
  const ties: ReadmeTie[] = [];
  const problems: string[] = [];
  lines.forEach((text, index) => {
    const marker = /^<!--\s*(consumer\/\S+)\s*-->\s*$/.exec(text);
    if (!marker) return;
    const file = marker[1] as string;
    const fence = /^(`{3,})\w*\s*$/.exec(lines[index + 1] ?? '');
    if (!fence) {
      problems.push(`${name}:${index + 1}: <!-- ${file} --> must be followed at once by a fenced code block`);
      return;
    }
    const close = lines.findIndex((line, at) => at > index + 1 && line.trimEnd() === fence[1]);
    if (close < 0) {
      problems.push(`${name}:${index + 2}: the block tied to ${file} is never closed`);
      return;
    }
    ties.push({ file, line: index + 1, block: lines.slice(index + 2, close).join('\n') });
  });
  return { ties, problems };
}

/** What differs between the READMEs' blocks and their files; empty when they agree. */
export function readmeDrift(root: string): string[] {
  return Object.entries(readmeSnippetFiles).flatMap(([readme, files]) => driftOf(root, readme, files));
}

function driftOf(root: string, readme: string, required: readonly string[]): string[] {
  const { ties, problems } = readmeTies(readFileSync(join(root, readme), 'utf8'), readme);
  for (const file of required) {
    if (!ties.some((tie) => tie.file === file)) {
      problems.push(`${readme} has no block tied to ${file} (put <!-- ${file} --> right before it)`);
    }
  }
  for (const { file, line, block } of ties) {
    const path = join(root, file);
    if (!existsSync(path)) {
      problems.push(`${readme}:${line}: ${file} does not exist`);
      continue;
    }
    const source = readFileSync(path, 'utf8').replace(/\n$/, '');
    if (source === block) continue;
    const blockLines = block.split('\n');
    const sourceLines = source.split('\n');
    const at = blockLines.findIndex((text, index) => text !== sourceLines[index]);
    const first = at < 0 ? blockLines.length : at;
    problems.push(
      `${readme}:${line + 2 + first}: the block differs from ${file} at its line ${first + 1}:\n` +
        `    README: ${blockLines[first] ?? '(block ends)'}\n` +
        `    file:   ${sourceLines[first] ?? '(file ends)'}\n` +
        '  Edit both the same way (the file is type-checked and built by the consumer test).',
    );
  }
  return problems;
}
