/**
 * The code snippets of the READMEs and of the docs site's pages (docs/) are fixture sources: an HTML
 * comment naming a file of `consumer/` or `frameworks/` right before a fenced block, e.g.
 * `<!-- consumer/react/src/Login.tsx -->`, ties the block to that file, and the two must be equal (the file
 * may end with one newline more). The consumer test (`consumer/`) and the framework check (`frameworks/`,
 * scripts/frameworks/run.ts) type-check, build and run those files, so a snippet that stops compiling
 * or working fails a check instead of misleading a reader. On the site's pages every code block in a programming language must be
 * tied (shell commands and the Mermaid diagram need not).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The framework fixtures' files that the server README and the site's server-mode page show as recipes. */
const frameworkRecipes = [
  'frameworks/next/lib/auth.ts',
  'frameworks/next/app/auth/verifik/[...path]/route.ts',
  'frameworks/sveltekit/src/lib/server/auth.ts',
  'frameworks/sveltekit/src/routes/auth/verifik/[...path]/+server.ts',
  'frameworks/nuxt/server/utils/auth.ts',
  'frameworks/nuxt/server/routes/auth/verifik/[...path].ts',
];

/**
 * Each README or site page with snippets (the repository's README, the docs site's pages, and the READMEs
 * npm shows on the packages' pages), and the fixture files that must stay tied to one of its blocks (each
 * at least once). Every other page of the site is checked too (see {@link sitePages}).
 */
export const readmeSnippetFiles: Record<string, readonly string[]> = {
  'README.md': ['consumer/react/src/QuickStart.tsx'],
  'docs/index.md': ['consumer/react/src/QuickStart.tsx'],
  'docs/guide/react.md': ['consumer/react/src/Login.tsx', 'consumer/next/app/page.tsx'],
  'docs/guide/vue.md': ['consumer/vue/src/Login.vue'],
  'docs/guide/svelte.md': ['consumer/svelte/src/Login.svelte'],
  'docs/guide/solid.md': ['consumer/solid/src/Login.tsx'],
  'docs/guide/react-native.md': [
    'consumer/react/src/expo/secure-storage.ts',
    'consumer/react/src/expo/App.tsx',
  ],
  'docs/guide/any-framework.md': ['consumer/react/src/any-framework.ts', 'consumer/react/src/countdown.ts'],
  'docs/guide/typescript.md': ['consumer/node/src/readme.ts'],
  'docs/guide/server-mode.md': [
    'consumer/node/src/server-quick-start.ts',
    'consumer/react/src/server-mode-page.ts',
    ...frameworkRecipes,
  ],
  'packages/core/README.md': ['consumer/node/src/readme.ts'],
  'packages/server/README.md': [...frameworkRecipes],
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
    const marker = /^<!--\s*((?:consumer|frameworks)\/\S+)\s*-->\s*$/.exec(text);
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

/** The site's own pages: every Markdown file under docs/ but the generated API reference and build output. */
export function sitePages(root: string, dir = 'docs'): string[] {
  const skip = new Set(['docs/api', 'docs/public', 'docs/.vitepress']);
  return readdirSync(join(root, dir), { withFileTypes: true })
    .flatMap((entry) => {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory())
        return skip.has(path) || entry.name === 'node_modules' ? [] : sitePages(root, path);
      return entry.name.endsWith('.md') ? [path] : [];
    })
    .sort();
}

/** Languages whose blocks show code (ours or the user's), which a site page must tie to a fixture file. */
const codeLanguages = new Set(['ts', 'tsx', 'js', 'jsx', 'mjs', 'typescript', 'javascript', 'vue', 'svelte']);

/** Fenced blocks in a programming language with no marker right before them. */
function untiedCodeBlocks(text: string, name: string): string[] {
  const problems: string[] = [];
  const lines = text.split('\n');
  let fence: string | undefined;
  lines.forEach((line, index) => {
    if (fence) {
      if (line.trimEnd() === fence) fence = undefined;
      return;
    }
    const open = /^(`{3,})(\w*)/.exec(line);
    if (!open) return;
    fence = open[1];
    const tied = /^<!--\s*(?:consumer|frameworks)\/\S+\s*-->\s*$/.test(lines[index - 1] ?? '');
    if (codeLanguages.has(open[2] ?? '') && !tied) {
      problems.push(
        `${name}:${index + 1}: a ${open[2]} block with no <!-- consumer/... --> or <!-- frameworks/... --> marker before it`,
      );
    }
  });
  return problems;
}

/** What differs between the READMEs' and the site's blocks and their files; empty when they agree. */
export function readmeDrift(root: string): string[] {
  const pages = [...new Set([...Object.keys(readmeSnippetFiles), ...sitePages(root)])];
  return pages.flatMap((page) => [
    ...driftOf(root, page, readmeSnippetFiles[page] ?? []),
    ...(page.startsWith('docs/') ? untiedCodeBlocks(readFileSync(join(root, page), 'utf8'), page) : []),
  ]);
}

function driftOf(root: string, readme: string, required: readonly string[]): string[] {
  const path = join(root, readme);
  if (!existsSync(path)) return [`${readme} does not exist (listed in readmeSnippetFiles)`];
  const { ties, problems } = readmeTies(readFileSync(path, 'utf8'), readme);
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
        '  Edit both the same way (the file is type-checked and built by the consumer test or the framework check).',
    );
  }
  return problems;
}
