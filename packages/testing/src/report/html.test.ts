import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getCoverage, getMachineTransitions } from '../catalogue.js';
import type { LoginPath } from '../path.types.js';
import { coverageCounts, machineFlowchart } from './diagram.js';
import { escapeHtml, renderHtmlReport, resolveMermaidBundle, writeHtmlReport } from './html.js';
import {
  type PathRunResults,
  readResults,
  recordResults,
  resultsFileName,
  screenshotPath,
} from './results.js';

const hostile = `<script>alert("x")</script> → 'q' & more`;

const expectState = (value: string, extra: Record<string, unknown> = {}) => ({
  value,
  step: value.split('.')[0],
  busy: false,
  error: null,
  fieldErrors: [],
  attempts: 0,
  ...extra,
});

/** Two paths with only what the report reads; the first has text that must be escaped. */
const paths = [
  {
    id: 'empty.phone',
    strategy: 'shortest',
    tags: ['phone', '<tag>'],
    description: hostile,
    startsAt: Date.UTC(2030, 0, 1),
    initial: expectState('restoring', { busy: true }),
    steps: [
      {
        case: 'loadSession.empty',
        description: 'the storage holds no session',
        expect: expectState('idle'),
        transitions: [
          getMachineTransitions().find(({ id }) => id.startsWith('restoring: done loadSession'))?.id,
        ],
      },
      {
        case: 'input.phone',
        description: `the user types "+1 <555>"`,
        expect: expectState('sending', {
          busy: true,
          fieldErrors: ['phone'],
          maskedIdentifier: '+1 ••• 6663',
        }),
        transitions: [],
        effects: { requests: [{ method: 'POST', path: '/v2/login?x=<y>' }], storageWrites: ['save'] },
      },
    ],
  },
  {
    id: 'live.logout',
    strategy: 'simple',
    description: 'the user logs out (authenticated.active → idle)',
    startsAt: Date.UTC(2030, 0, 1),
    initial: expectState('restoring'),
    steps: [
      {
        case: 'input.logout',
        description: 'the user logs out',
        expect: expectState('idle'),
        transitions: [],
      },
    ],
  },
] as unknown as LoginPath[];

const results: PathRunResults[] = [
  {
    driver: 'chromium-react',
    paths: [
      {
        id: 'empty.phone',
        status: 'failed',
        steps: [
          { index: 0, status: 'passed', screenshot: screenshotPath('chromium-react', 'empty.phone', 0) },
          { index: 1, status: 'failed', error: 'expected <sending> got "idle"' },
        ],
      },
      { id: 'gone.path', status: 'passed', steps: [] },
    ],
  },
  {
    driver: 'chromium-vue',
    paths: [
      {
        id: 'empty.phone',
        status: 'passed',
        steps: [
          { index: 0, status: 'passed', screenshot: '../outside.png' },
          { index: 1, status: 'passed', screenshot: 'javascript:alert(1)' },
        ],
      },
    ],
  },
];

const render = (withResults: readonly PathRunResults[] = []) =>
  renderHtmlReport({ paths, coverage: getCoverage(paths), results: withResults });

describe('renderHtmlReport', () => {
  it('escapes every text it shows', () => {
    const html = render(results);
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; → &#39;q&#39; &amp; more');
    expect(html).toContain('the user types &quot;+1 &lt;555&gt;&quot;');
    expect(html).toContain('<span class="tag">&lt;tag&gt;</span>');
    expect(html).toContain('POST /v2/login?x=&lt;y&gt;');
    expect(html).toContain('expected &lt;sending&gt; got &quot;idle&quot;');
    // Only the page's own two scripts: Mermaid's bundle beside it, and the inline one.
    expect(html.match(/<script/g)).toHaveLength(2);
    expect(html).toContain('<script src="mermaid.min.js"></script>');
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
  });

  it('holds the coverage diagram as Mermaid source, escaped', () => {
    const html = render();
    const source = /<pre class="mermaid" id="machine-diagram">([^<]*)<\/pre>/.exec(html)?.[1] ?? '';
    const decoded = source
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&');
    expect(decoded).toBe(machineFlowchart({ coverage: coverageCounts(paths) }));
    expect(decoded).toContain('idle["idle<br/>2 paths"]');
    expect(html).toContain('<div class="legend" id="legend">');
  });

  it('lists every path with its tags, steps and expectations, collapsible', () => {
    const html = render();
    expect(html.match(/<details class="path"/g)).toHaveLength(2);
    expect(html).toContain('<code class="id">empty.phone</code>');
    expect(html).toContain('<span class="tag">phone</span>');
    expect(html).toContain('<code>loadSession.empty</code>');
    expect(html).toContain('<span class="k">fieldErrors:</span> phone');
    expect(html).toContain('<span class="k">maskedIdentifier:</span> +1 ••• 6663');
    expect(html).toContain('<li>storage: save</li>');
    expect(html).toContain('<b>States:</b>');
    expect(html).toContain('No driver results');
  });

  it("shows each driver's step results, linking screenshots that stay in the report's folder", () => {
    const html = render(results);
    expect(html).toContain('<th>chromium-react</th><th>chromium-vue</th>');
    expect(html).toContain(
      '<a class="shot" href="screenshots/chromium-react--empty.phone--01.png">screenshot</a>',
    );
    expect(html).not.toContain('href="../outside.png"');
    expect(html).not.toContain('href="javascript:');
    expect(html).toContain('✗ failed');
    expect(html).toContain('data-status="failed"');
    expect(html).toContain('1 not in this catalogue: gone.path');
    expect(html).toMatch(/<b>chromium-vue:<\/b> <span class="st passed">1 passed<\/span>/);
  });
});

describe('escapeHtml', () => {
  it('escapes for content and quoted attributes', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});

describe('the report folder', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'paths-report-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it("writes index.html with Mermaid's browser bundle beside it, and the results found there", () => {
    const [react] = results;
    if (!react) throw new Error('no results');
    recordResults(dir, react);
    const file = writeHtmlReport(dir, { paths, coverage: getCoverage(paths) });
    expect(file).toBe(join(dir, 'index.html'));
    expect(statSync(join(dir, 'mermaid.min.js')).size).toBe(statSync(resolveMermaidBundle()).size);
    const html = readFileSync(file, 'utf8');
    expect(html).toContain('<th>chromium-react</th>');
    // Results given win over the folder's.
    writeHtmlReport(dir, { paths, coverage: getCoverage(paths), results: [] });
    expect(readFileSync(file, 'utf8')).not.toContain('<th>chromium-react</th>');
  });

  it('records and reads results, one file per driver, in driver order', () => {
    const [react, vue] = results;
    if (!react || !vue) throw new Error('no results');
    expect(readResults(join(dir, 'missing'))).toEqual([]);
    expect(recordResults(dir, vue)).toBe(join(dir, 'e2e-results.chromium-vue.json'));
    recordResults(dir, react);
    writeFileSync(join(dir, 'other.json'), '{}');
    expect(readResults(dir)).toEqual([react, vue]);
    expect(() => resultsFileName('../evil')).toThrow(/cannot name a file/);
    expect(screenshotPath('chromium react', 'a.b[c.d]', 9)).toBe(
      'screenshots/chromium_react--a.b_c.d_--10.png',
    );
  });

  it('names the file and the problem of a results file it cannot use', () => {
    writeFileSync(
      join(dir, 'e2e-results.bad.json'),
      JSON.stringify({ driver: 'bad', paths: [{ id: 'x', steps: [] }] }),
    );
    expect(() => readResults(dir)).toThrow(/e2e-results\.bad\.json: paths\[0\] \(x\) has no valid "status"/);
    writeFileSync(join(dir, 'e2e-results.bad.json'), 'not json');
    expect(() => readResults(dir)).toThrow(/e2e-results\.bad\.json: not JSON/);
  });

  it('says how to install Mermaid when it cannot be found', () => {
    // pnpm's bin shims put its store on NODE_PATH, where Mermaid is found from anywhere: look without it.
    const modules = Module as unknown as { _initPaths(): void };
    const nodePath = process.env.NODE_PATH;
    delete process.env.NODE_PATH;
    modules._initPaths();
    try {
      mkdirSync(join(dir, 'project'));
      expect(() => resolveMermaidBundle(join(dir, 'project', 'index.js'))).toThrow(/npm i -D mermaid@11/);
      expect(existsSync(resolveMermaidBundle())).toBe(true);
    } finally {
      if (nodePath !== undefined) process.env.NODE_PATH = nodePath;
      modules._initPaths();
    }
  });
});
