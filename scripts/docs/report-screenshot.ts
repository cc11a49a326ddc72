/**
 * Writes `docs/report.png`: the top of the QA report (`htmlReport`) for the whole catalogue, its
 * figures, legend and coverage diagram, as Chromium shows it opened from disk with no network.
 *
 *   npx tsx --conditions=@verifik-auth/source scripts/docs/report-screenshot.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { findChromium } from '../system/programs.js';

// By path (the repo root does not depend on the workspace packages), and by a computed specifier: a
// static import would bring the testing package's sources, and the core's through its node_modules,
// into the root type-check, where scripts/bench/flows.ts's inferred types then fail to name them (TS2742).
const reportModule = new URL('../../packages/testing/src/report/index.js', import.meta.url).href;
const { htmlReport } = (await import(reportModule)) as { htmlReport(dir: string): string };

const out = fileURLToPath(new URL('../../docs/report.png', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'paths-report-'));
const browser = await chromium.launch({
  executablePath: findChromium(),
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
});
try {
  const page = htmlReport(dir);
  const context = await browser.newContext({ viewport: { width: 1440, height: 1250 } });
  await context.route('**/*', (route) =>
    route.request().url().startsWith('file:') ? route.continue() : route.abort(),
  );
  const tab = await context.newPage();
  await tab.goto(pathToFileURL(page).href);
  await tab.waitForFunction(() => document.body.dataset.diagram !== 'pending', undefined, {
    timeout: 60_000,
  });
  const state = await tab.evaluate(() => document.body.dataset.diagram);
  if (state !== 'rendered') throw new Error(`the diagram did not render (${state})`);
  await tab.screenshot({ path: out });
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
  rmSync(dir, { recursive: true, force: true });
}
