import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
// By path, like the other specs (see README.md).
import { getLoginPaths, getMachineStates } from '../packages/testing/src/index.js';
import {
  coverageCounts,
  htmlReport,
  machineFlowchart,
  recordResults,
  screenshotPath,
} from '../packages/testing/src/report/index.js';
import { useChromium } from './chromium.js';

/**
 * The QA report as a person opens it: written to a folder with a fake driver's results and one
 * screenshot, opened from disk in Chromium with every request that is not a file refused.
 */
const browser = useChromium();

/** A 1×1 PNG. */
const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

const paths = getLoginPaths();
const ran = paths.find((path) => path.steps.length >= 2) ?? paths[0];
let dir: string;
let context: BrowserContext | undefined;

beforeAll(() => {
  if (!ran) throw new Error('the catalogue has no paths');
  dir = mkdtempSync(join(tmpdir(), 'paths-report-e2e-'));
  const screenshot = screenshotPath('chromium-fake', ran.id, 0);
  mkdirSync(join(dir, 'screenshots'), { recursive: true });
  writeFileSync(join(dir, screenshot), png);
  recordResults(dir, {
    driver: 'chromium-fake',
    paths: [
      {
        id: ran.id,
        status: 'failed',
        steps: [
          { index: 0, status: 'passed', screenshot },
          { index: 1, status: 'failed', error: 'expected <sending>, saw "idle"' },
        ],
      },
    ],
  });
  htmlReport(dir);
});

afterAll(async () => {
  await context?.close();
  rmSync(dir, { recursive: true, force: true });
});

// Chromium parses a 3.5 MB Mermaid bundle, which lays out ~50 edges: 8-16 s on the 2-core dev machine with other work running.
it('opens from disk with no network and draws the coverage diagram, the paths and the results', {
  timeout: 90_000,
}, async () => {
  context = await browser().newContext({ viewport: { width: 1400, height: 1000 } });
  const requests: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    requests.push(url);
    return url.startsWith('file:') ? route.continue() : route.abort();
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });

  await page.goto(pathToFileURL(join(dir, 'index.html')).href);
  await page.waitForFunction(() => document.body.dataset.diagram !== 'pending', undefined, {
    timeout: 60_000,
  });
  expect(await page.evaluate(() => document.body.dataset.diagram)).toBe('rendered');
  expect(await page.locator('#diagram-status').textContent()).toBe('');

  // The diagram: one SVG with a node or box per state, every edge drawn, coloured by coverage.
  const drawn = await page.evaluate(() => {
    const svg = document.querySelector('#machine-diagram svg');
    const source = document.querySelector('#machine-diagram')?.getAttribute('data-processed');
    const colours: Record<string, number> = {};
    for (const edge of svg?.querySelectorAll('path.flowchart-link') ?? []) {
      const stroke = getComputedStyle(edge).stroke;
      colours[stroke] = (colours[stroke] ?? 0) + 1;
    }
    return {
      source,
      nodes: [...(svg?.querySelectorAll('g.node') ?? [])].map((node) => node.textContent?.trim() ?? ''),
      clusters: [...(svg?.querySelectorAll('g.cluster') ?? [])].map(
        (cluster) => cluster.textContent?.trim() ?? '',
      ),
      edges: svg?.querySelectorAll('path.flowchart-link').length ?? 0,
      labels: svg?.querySelector('.edgeLabels')?.textContent ?? '',
      colours,
      text: svg?.textContent ?? '',
    };
  });
  expect(drawn.source).toBe('true');
  const inner = new Set(getMachineStates().map((state) => state.split('.').slice(0, -1).join('.')));
  for (const state of getMachineStates()) {
    const name = state.split('.').at(-1) ?? state;
    const where = inner.has(state) ? drawn.clusters : drawn.nodes;
    expect(
      where.some((text) => text.startsWith(name)),
      `${state} in ${where.join(' | ')}`,
    ).toBe(true);
  }
  expect(drawn.clusters.some((text) => text.startsWith('Coverage'))).toBe(true);
  // Every edge of the generated text is drawn, and each `linkStyle` colours as many edges as it lists.
  const text = machineFlowchart({ coverage: coverageCounts(paths) });
  expect(drawn.edges).toBe(text.split('\n').filter((line) => line.includes('-->')).length);
  const styled: Record<string, number> = {};
  for (const [, edges, hex] of text.matchAll(/^ {2}linkStyle ([\d,]+) stroke:#([0-9a-f]{6})/gm)) {
    const rgb = `rgb(${[0, 2, 4].map((at) => Number.parseInt(hex?.slice(at, at + 2) ?? '', 16)).join(', ')})`;
    styled[rgb] = (styled[rgb] ?? 0) + (edges?.split(',').length ?? 0);
  }
  expect(Object.keys(styled).length).toBeGreaterThan(0);
  for (const [rgb, count] of Object.entries(styled)) expect(drawn.colours[rgb], rgb).toBe(count);
  expect(drawn.labels).toContain('login.phone [isPhoneLoginValid] · ');
  expect(drawn.labels).toMatch(/· \d+ paths/);
  expect(drawn.text).not.toMatch(/syntax error|parse error/i);
  expect(await page.locator('.error-icon, .error-text').count()).toBe(0);

  // The legend, the figures, the path list and the results.
  await expect.poll(() => page.locator('#legend').textContent()).toContain('3+ paths');
  expect(await page.locator('header').textContent()).toMatch(/Transitions: \d+\/\d+/);
  expect(await page.locator('details.path').count()).toBe(paths.length);
  const summary = page.locator(`details.path[id="path-${ran?.id}"]`);
  expect(await summary.getAttribute('data-status')).toBe('failed');
  await summary.locator('summary').click();
  const link = summary.locator('a.shot');
  await expect.poll(() => link.isVisible()).toBe(true);
  const href = await link.getAttribute('href');
  expect(href).toBe(screenshotPath('chromium-fake', ran?.id ?? '', 0));
  expect(existsSync(join(dir, href ?? ''))).toBe(true);
  expect(await summary.locator('.err').textContent()).toBe('expected <sending>, saw "idle"');
  // The screenshot opens from the link.
  const [shot] = await Promise.all([context.waitForEvent('page'), link.click({ modifiers: ['Control'] })]);
  await shot.waitForLoadState();
  expect(shot.url()).toBe(pathToFileURL(join(dir, href ?? '')).href);
  await shot.close();

  expect(requests.filter((url) => !url.startsWith('file:'))).toEqual([]);
  expect(requests).toContain(pathToFileURL(join(dir, 'mermaid.min.js')).href);
  expect(problems).toEqual([]);
});
