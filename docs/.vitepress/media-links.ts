import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { MarkdownRenderer } from 'vitepress';

/**
 * TypeDoc copies the files a package README links to (its DRIVERS.md, the committed catalogue…) flat into
 * docs/api/_media, where they lose their own relative links and are not pages of the site. This markdown-it
 * rule points those links at the original file in the repository instead, found by name in the package
 * the page documents (api/@verifik-auth/<name>/… ↔ packages/<name> or apps/<name>). A link it cannot place
 * is left as it is, so VitePress reports it as dead.
 */
export function mediaLinksToRepository(md: MarkdownRenderer, root: string, blobUrl: string): void {
  md.core.ruler.push('verifik-media-links', (state) => {
    const page = String(state.env.relativePath ?? '');
    const name = /^api\/@verifik-auth\/([^/]+)\//.exec(page)?.[1];
    if (!name) return;
    const dir = ['packages', 'apps']
      .map((parent) => join(root, parent, name))
      .find((path) => existsSync(path));
    if (!dir) return;
    for (const token of state.tokens.flatMap((block) => [block, ...(block.children ?? [])])) {
      if (token.type !== 'link_open') continue;
      const href = token.attrGet('href') ?? '';
      const file = /(?:^|\/)_media\/([^/#?]+)(#.*)?$/.exec(href);
      if (!file?.[1]) continue;
      const original = findFile(dir, file[1]);
      if (original) token.attrSet('href', `${blobUrl}/${relative(root, original)}${file[2] ?? ''}`);
    }
  });
}

/** The first file called `name` under `dir`, outside node_modules and build output. */
function findFile(dir: string, name: string): string | undefined {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isFile() && entry.name === name) return path;
  }
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory() || ['node_modules', 'dist', '.vite'].includes(entry.name)) continue;
    const found = findFile(join(dir, entry.name), name);
    if (found) return found;
  }
  return undefined;
}
