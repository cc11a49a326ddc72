/**
 * The docs site (`pnpm docs`): the guides in docs/guide, and the API reference that TypeDoc writes into
 * docs/api first (typedoc-plugin-markdown + typedoc-vitepress-theme, with its sidebar). VitePress fails the
 * build on a dead link, so links between pages are checked too. Mermaid blocks (the machine diagram in
 * the QA guide) are drawn in the browser by theme/mermaid.ts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type DefaultTheme, defineConfig } from 'vitepress';
import { mediaLinksToRepository } from './media-links.js';

const apiSidebarFile = fileURLToPath(new URL('../api/typedoc-sidebar.json', import.meta.url));
if (!existsSync(apiSidebarFile)) {
  throw new Error(
    'docs/api is missing: run `pnpm docs` (TypeDoc writes the API reference before VitePress builds)',
  );
}
const apiSidebar = JSON.parse(readFileSync(apiSidebarFile, 'utf8')) as DefaultTheme.SidebarItem[];

const repository = 'https://github.com/verifik-auth/verifik-auth';
const root = fileURLToPath(new URL('../..', import.meta.url));

const guides: DefaultTheme.SidebarItem[] = [
  { text: 'Overview', link: '/' },
  {
    text: 'UI teams',
    items: [
      { text: 'React', link: '/guide/react' },
      { text: 'React Native / Expo', link: '/guide/react-native' },
      { text: 'Vue', link: '/guide/vue' },
      { text: 'Svelte', link: '/guide/svelte' },
      { text: 'Solid', link: '/guide/solid' },
      { text: 'Angular', link: '/guide/angular' },
      { text: 'Any framework', link: '/guide/any-framework' },
      { text: 'Plain TypeScript / Node', link: '/guide/typescript' },
    ],
  },
  { text: 'QA', items: [{ text: 'The path catalogue', link: '/guide/qa' }] },
  {
    text: 'Servers and tools',
    items: [
      { text: 'Server mode', link: '/guide/server-mode' },
      { text: 'Terminal (CLI)', link: '/guide/terminal' },
      { text: 'The mock server', link: '/guide/mock-server' },
    ],
  },
  { text: 'Security', link: '/guide/security' },
  { text: 'Development', link: '/guide/development' },
];

export default defineConfig({
  title: 'verifik-auth',
  description: "A headless phone and email OTP login for Verifik's API, driven by one XState machine.",
  // GitHub Pages serves a project site under /<repository>/: the workflow sets DOCS_BASE.
  base: process.env.DOCS_BASE ?? '/',
  cleanUrls: true,
  // Files TypeDoc copied beside the API pages (see media-links.ts): assets, not pages.
  srcExclude: ['api/_media/**'],
  markdown: { config: (md) => mediaLinksToRepository(md, root, `${repository}/blob/main`) },
  themeConfig: {
    nav: [
      { text: 'Guide', link: '/guide/react' },
      { text: 'QA', link: '/guide/qa' },
      { text: 'Security', link: '/guide/security' },
      { text: 'API', link: '/api/' },
    ],
    sidebar: {
      '/api/': [{ text: 'API reference', link: '/api/', items: apiSidebar }],
      '/': guides,
    },
    socialLinks: [{ icon: 'github', link: repository }],
    search: { provider: 'local' },
    outline: [2, 3],
  },
});
