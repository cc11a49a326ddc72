import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { getCoverage, getLoginPaths } from '../catalogue.js';
import type { Coverage, CoverageFigure, LoginPath } from '../path.types.js';
import { coverageCounts, machineFlowchart } from './diagram.js';
import { type PathRunResults, readResults, type StepRunResult } from './results.js';

/** What {@link writeHtmlReport} shows. */
export interface HtmlReportInput {
  /** The paths to list; the diagram is coloured by how many of them reach each state and transition. */
  paths: readonly LoginPath[];
  /** The coverage figures to show, as `getCoverage(paths)` gives them. */
  coverage: Coverage;
  /**
   * The drivers' results to show beside each step. Default: every `e2e-results.*.json` already in the
   * report's folder (see {@link readResults}); `[]` for none.
   */
  results?: readonly PathRunResults[];
  /** The page's title. Default: "Login paths". */
  title?: string;
}

/** The file name of Mermaid's browser bundle, beside `index.html`. */
const mermaidFile = 'mermaid.min.js';

/**
 * Finds Mermaid 11's browser bundle (`mermaid/dist/mermaid.min.js`), resolving `mermaid` from
 * `from` (default: this package, i.e. your project's `node_modules`). Throws, saying how to install
 * it, when it cannot be found.
 */
export function resolveMermaidBundle(from: string | URL = import.meta.url): string {
  try {
    const file = createRequire(from).resolve(`mermaid/dist/${mermaidFile}`);
    if (existsSync(file)) return file;
  } catch {
    // Reported below.
  }
  throw new Error(
    'The HTML report draws the machine with Mermaid 11, which is not installed (an optional peer ' +
      'dependency of @verifik-auth/testing): npm i -D mermaid@11',
  );
}

/** Text as HTML, in element content and in quoted attributes alike. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** A results file's screenshot as a link target: relative to the report, each segment URL-encoded. */
function screenshotHref(screenshot: string): string | undefined {
  const segments = screenshot.split(/[\\/]/);
  const unsafe =
    /^[A-Za-z][A-Za-z0-9+.-]*:/.test(screenshot) ||
    screenshot.startsWith('/') ||
    screenshot.startsWith('\\') ||
    segments.some((segment) => segment === '..' || segment === '');
  return unsafe ? undefined : segments.map(encodeURIComponent).join('/');
}

const percent = ({ covered, total }: CoverageFigure) =>
  total === 0 ? '100%' : `${Math.floor((covered / total) * 1000) / 10}%`;

/** A value of an expected state, compactly; `undefined` for the ones not worth a word (false, null, empty). */
function compactValue(value: unknown): string | undefined {
  if (value === null || value === undefined || value === false || value === 0 || value === '')
    return undefined;
  if (value === true) return '';
  if (Array.isArray(value)) return value.length ? value.map(String).join(', ') : undefined;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** The expectations of a state besides its value, as `name: value` items. */
function expectationItems(expect: LoginPath['initial']): string {
  const items: string[] = [];
  for (const [key, value] of Object.entries(expect)) {
    if (key === 'value') continue;
    // The screen is the state value's first part most of the time: only say it when it is not.
    if (key === 'step' && value === expect.value.split('.')[0]) continue;
    const text = compactValue(value);
    if (text === undefined) continue;
    items.push(
      text === ''
        ? `<li><span class="k">${escapeHtml(key)}</span></li>`
        : `<li><span class="k">${escapeHtml(key)}:</span> ${escapeHtml(text)}</li>`,
    );
  }
  return items.length ? `<ul class="exp">${items.join('')}</ul>` : '';
}

/** What a step does to the outside world, when the catalogue records it (requests, storage). */
function effectsText(step: LoginPath['steps'][number]): string {
  if (!('effects' in step)) return '';
  const effects: unknown = step.effects;
  if (typeof effects !== 'object' || effects === null) return '';
  const { requests, aborted, storageWrites } = effects as Record<string, unknown>;
  const items: string[] = [];
  if (Array.isArray(requests)) {
    for (const request of requests) {
      if (typeof request === 'object' && request !== null) {
        const { method, path } = request as Record<string, unknown>;
        items.push(`<li>${escapeHtml(`${String(method)} ${String(path)}`)}</li>`);
      }
    }
  }
  if (Array.isArray(aborted))
    for (const call of aborted) items.push(`<li>aborts ${escapeHtml(String(call))}</li>`);
  if (Array.isArray(storageWrites)) {
    for (const write of storageWrites) items.push(`<li>storage: ${escapeHtml(String(write))}</li>`);
  }
  return items.length ? `<ul class="fx">${items.join('')}</ul>` : '';
}

const statusMark: Record<string, string> = {
  passed: '✓ passed',
  failed: '✗ failed',
  skipped: '– skipped',
  'not-run': '· not run',
};

/** A driver's result for one step, as a table cell. */
function resultCell(step: StepRunResult | undefined): string {
  const status = step?.status ?? 'not-run';
  const parts = [`<span class="st ${status}">${escapeHtml(statusMark[status] ?? status)}</span>`];
  const href = step?.screenshot ? screenshotHref(step.screenshot) : undefined;
  if (step?.screenshot) {
    parts.push(
      href
        ? `<a class="shot" href="${escapeHtml(href)}">screenshot</a>`
        : `<span class="shot">screenshot ${escapeHtml(step.screenshot)} (not a relative path)</span>`,
    );
  }
  if (step?.error) parts.push(`<pre class="err">${escapeHtml(step.error)}</pre>`);
  return `<td class="res">${parts.join(' ')}</td>`;
}

/** The tags a path carries, when the catalogue has them. */
function tagsOf(path: LoginPath): string[] {
  if (!('tags' in path) || !Array.isArray(path.tags)) return [];
  return path.tags.filter((tag): tag is string => typeof tag === 'string');
}

function pathSection(path: LoginPath, results: readonly PathRunResults[], showEffects: boolean): string {
  const effectsCell = (html: string) => (showEffects ? `<td>${html}</td>` : '');
  const runs = results.map((result) => ({
    driver: result.driver,
    run: result.paths.find((candidate) => candidate.id === path.id),
  }));
  const ran = runs.filter(({ run }) => run);
  const badges = ran
    .map(
      ({ driver, run }) =>
        `<span class="st ${run?.status}">${escapeHtml(driver)}: ${escapeHtml(statusMark[run?.status ?? ''] ?? '')}</span>`,
    )
    .join(' ');
  const tags = tagsOf(path)
    .map((tag) => `<span class="tag">${escapeHtml(tag)}</span>`)
    .join(' ');
  const status = ran.some(({ run }) => run?.status === 'failed')
    ? 'failed'
    : ran.length && ran.every(({ run }) => run?.status === 'passed')
      ? 'passed'
      : ran.length
        ? 'mixed'
        : 'none';
  const driverHeads = ran.map(({ driver }) => `<th>${escapeHtml(driver)}</th>`).join('');
  const rows = [
    `<tr class="start"><td>0</td><td>start: a new login<br><code>${escapeHtml(
      `starts at ${new Date(path.startsAt).toISOString()}`,
    )}</code></td><td><code>${escapeHtml(path.initial.value)}</code></td><td>${expectationItems(path.initial)}</td>${effectsCell('')}${ran
      .map(() => '<td class="res"></td>')
      .join('')}</tr>`,
    ...path.steps.map((step, index) => {
      const cells = ran
        .map(({ run }) => resultCell(run?.steps.find((candidate) => candidate.index === index)))
        .join('');
      return `<tr><td>${index + 1}</td><td>${escapeHtml(step.description)}<br><code>${escapeHtml(
        step.case,
      )}</code></td><td><code>${escapeHtml(step.expect.value)}</code></td><td>${expectationItems(
        step.expect,
      )}</td>${effectsCell(effectsText(step))}${cells}</tr>`;
    }),
  ];
  return `<details class="path" id="${escapeHtml(`path-${path.id}`)}" data-status="${status}" data-search="${escapeHtml(
    `${path.id} ${path.strategy} ${tagsOf(path).join(' ')} ${path.description}`.toLowerCase(),
  )}">
<summary><code class="id">${escapeHtml(path.id)}</code> <span class="strategy">${escapeHtml(path.strategy)}</span> ${tags} <span class="desc">${escapeHtml(
    path.description,
  )}</span> <span class="n">${path.steps.length} steps</span> ${badges}</summary>
<table class="steps"><thead><tr><th>#</th><th>step</th><th>state</th><th>expected besides the state</th>${showEffects ? '<th>requests and storage</th>' : ''}${driverHeads}</tr></thead>
<tbody>${rows.join('\n')}</tbody></table>
</details>`;
}

function figureText(name: string, figure: CoverageFigure): string {
  const missing = figure.missing.length
    ? `<ul class="missing">${figure.missing.map((item) => `<li>not reached: ${escapeHtml(item)}</li>`).join('')}</ul>`
    : '';
  return `<li><b>${escapeHtml(name)}:</b> ${figure.covered}/${figure.total} (${percent(figure)})${missing}</li>`;
}

function resultsSummary(paths: readonly LoginPath[], results: readonly PathRunResults[]): string {
  if (!results.length) return '<p>No driver results in this folder (<code>e2e-results.*.json</code>).</p>';
  const known = new Set(paths.map((path) => path.id));
  const rows = results.map((result) => {
    const count = (status: string) => result.paths.filter((path) => path.status === status).length;
    const unknown = result.paths.filter((path) => !known.has(path.id)).map((path) => path.id);
    const note = unknown.length
      ? ` <span class="warn">${unknown.length} not in this catalogue: ${escapeHtml(unknown.join(', '))}</span>`
      : '';
    return `<li><b>${escapeHtml(result.driver)}:</b> <span class="st passed">${count('passed')} passed</span>, <span class="st failed">${count(
      'failed',
    )} failed</span>, <span class="st skipped">${count('skipped')} skipped</span> of ${result.paths.length}${note}</li>`;
  });
  return `<ul class="summary">${rows.join('')}</ul>`;
}

const styles = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1d1d1f;background:#fff}
header,main{padding:0 24px}header{border-bottom:1px solid #ddd;padding-bottom:8px}
h1{font-size:22px;margin:16px 0 4px}h2{font-size:18px;margin:24px 0 8px}
code{font:12px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
.figures,.summary{margin:4px 0;padding-left:20px}.missing{color:#7f1d1d}
.legend{display:flex;gap:16px;flex-wrap:wrap;align-items:center;margin:8px 0}
.sw{display:inline-block;width:28px;height:14px;vertical-align:middle;margin-right:6px;border:2px solid}
.sw.uncovered{background:#fde8e8;border-color:#c62828;border-style:dashed}.sw.few{background:#fff4d6;border-color:#b7791f}
.sw.many{background:#e3f6e8;border-color:#1e7a3c}
.diagram{overflow:auto;border:1px solid #ddd;border-radius:6px;max-height:85vh;background:#fff}
.diagram.fit svg{max-width:100%;height:auto}#diagram-status{color:#7f1d1d}
.tools{display:flex;gap:8px;align-items:center;margin:8px 0}.tools input{flex:1;max-width:420px;padding:4px 8px}
details.path{border:1px solid #e3e3e3;border-radius:6px;margin:6px 0;padding:4px 10px}
details.path[data-status=failed]{border-left:5px solid #c62828}details.path[data-status=passed]{border-left:5px solid #1e7a3c}
summary{cursor:pointer}.id{font-weight:600}.strategy,.n{color:#666;font-size:12px}
.tag{background:#eef2ff;color:#3730a3;border-radius:10px;padding:0 7px;font-size:12px}
table.steps{border-collapse:collapse;margin:8px 0;width:100%}
.steps th,.steps td{border-top:1px solid #eee;padding:3px 6px;text-align:left;vertical-align:top}
.steps th{font-size:12px;color:#555;background:#fafafa}.steps tr.start td{color:#555}
ul.exp,ul.fx{list-style:none;margin:0;padding:0;font-size:12px}ul.exp li,ul.fx li{display:inline;margin-right:10px}
.k{color:#666}.st{white-space:nowrap;font-size:12px}.st.passed{color:#1e7a3c}.st.failed{color:#c62828;font-weight:600}
.st.skipped,.st.not-run{color:#777}.err{white-space:pre-wrap;color:#7f1d1d;margin:2px 0;font-size:11px}
.warn{color:#8a5a00}.hidden{display:none}
`;

const pageScript = `
(function () {
  var filter = document.getElementById('filter');
  var paths = Array.prototype.slice.call(document.querySelectorAll('details.path'));
  filter.addEventListener('input', function () {
    var words = filter.value.toLowerCase().split(/\\s+/).filter(Boolean);
    var shown = 0;
    paths.forEach(function (path) {
      var text = path.getAttribute('data-search') + ' ' + path.getAttribute('data-status');
      var hit = words.every(function (word) { return text.indexOf(word) >= 0; });
      path.classList.toggle('hidden', !hit);
      if (hit) shown++;
    });
    document.getElementById('shown').textContent = shown + ' of ' + paths.length + ' paths';
  });
  document.getElementById('expand').addEventListener('click', function () {
    paths.forEach(function (path) { if (!path.classList.contains('hidden')) path.open = true; });
  });
  document.getElementById('collapse').addEventListener('click', function () {
    paths.forEach(function (path) { path.open = false; });
  });
  var diagram = document.getElementById('diagram');
  document.getElementById('fit').addEventListener('click', function () { diagram.classList.toggle('fit'); });
  var status = document.getElementById('diagram-status');
  if (typeof mermaid === 'undefined') {
    document.body.setAttribute('data-diagram', 'missing');
    status.textContent = '${mermaidFile} did not load (it belongs beside this file): the diagram shows as its source.';
    return;
  }
  mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', flowchart: { useMaxWidth: false } });
  mermaid.run({ querySelector: '#machine-diagram' }).then(function () {
    document.body.setAttribute('data-diagram', 'rendered');
  }, function (error) {
    document.body.setAttribute('data-diagram', 'error');
    status.textContent = 'The diagram could not be drawn: ' + (error && error.message ? error.message : error);
  });
})();
`;

/**
 * The report's page as HTML: coverage figures, the machine diagram coloured by coverage (drawn in the
 * page by `mermaid.min.js`, which must sit beside it), a legend, the drivers' results, and every
 * path with its steps, expectations and, per driver, each step's result and screenshot link.
 * {@link writeHtmlReport} writes it with its files.
 */
export function renderHtmlReport(input: HtmlReportInput & { results: readonly PathRunResults[] }): string {
  const { paths, coverage, results, title = 'Login paths' } = input;
  const diagram = machineFlowchart({ coverage: coverageCounts(paths) });
  const showEffects = paths.some((path) => path.steps.some((step) => effectsText(step) !== ''));
  const strategies = [...new Set(paths.map((path) => path.strategy))]
    .map((strategy) => `${strategy} ${paths.filter((path) => path.strategy === strategy).length}`)
    .join(', ');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self' file: 'unsafe-inline'; style-src 'unsafe-inline'; img-src 'self' file: data:">
<title>${escapeHtml(title)}</title>
<style>${styles}</style>
</head>
<body data-diagram="pending">
<header>
<h1>${escapeHtml(title)}</h1>
<ul class="figures">
<li><b>Paths:</b> ${coverage.paths}${strategies ? ` (${escapeHtml(strategies)})` : ''}, ${coverage.steps} steps</li>
${figureText('States', coverage.states)}
${figureText('Transitions', coverage.transitions)}
</ul>
</header>
<main>
<h2 id="machine">The machine, by coverage</h2>
<div class="legend" id="legend"><span><span class="sw uncovered"></span>not covered</span><span><span class="sw few"></span>1–2 paths</span><span><span class="sw many"></span>3+ paths</span>
<span>Each state and transition shows how many of these paths go through it. A dot marks where a level starts; “any … state” stands for every state of its box.</span></div>
<div class="tools"><button type="button" id="fit">Fit to width / actual size</button><span id="diagram-status"></span></div>
<div class="diagram fit" id="diagram"><pre class="mermaid" id="machine-diagram">${escapeHtml(diagram)}</pre></div>
<h2 id="results">Results</h2>
${resultsSummary(paths, results)}
<h2 id="paths">Paths</h2>
<div class="tools"><input id="filter" type="search" placeholder="Filter: id, tag, words, failed…" aria-label="Filter paths">
<button type="button" id="expand">Expand all</button><button type="button" id="collapse">Collapse all</button><span id="shown">${paths.length} paths</span></div>
<p><code>state</code> is the state value each step must lead to; expectations not listed are false, 0, null or empty.</p>
${paths.map((path) => pathSection(path, results, showEffects)).join('\n')}
</main>
<script src="${mermaidFile}"></script>
<script>${pageScript}</script>
</body>
</html>
`;
}

/**
 * Writes the report into `dir` (created if needed): `index.html`, and beside it `mermaid.min.js`
 * copied from the installed Mermaid 11, so the page needs no network. Open `index.html` from disk.
 * A driver's `e2e-results.<driver>.json` and `screenshots/*.png` in the same folder show beside each
 * step (see {@link recordResults}). Returns the path of `index.html`. Throws when Mermaid is not
 * installed (`npm i -D mermaid@11`).
 * @example
 * const paths = getLoginPaths();
 * writeHtmlReport('login-report', { paths, coverage: getCoverage(paths) });
 */
export function writeHtmlReport(dir: string, input: HtmlReportInput): string {
  const bundle = resolveMermaidBundle();
  const results = input.results ?? readResults(dir);
  mkdirSync(dir, { recursive: true });
  copyFileSync(bundle, join(dir, mermaidFile));
  const file = join(dir, 'index.html');
  writeFileSync(file, renderHtmlReport({ ...input, results }));
  return file;
}

/** Options of {@link htmlReport}. */
export interface HtmlReportOptions {
  /** The paths to report. Default: the whole catalogue, every strategy (`getLoginPaths()`). */
  paths?: readonly LoginPath[];
  /** The page's title. Default: "Login paths". */
  title?: string;
}

/**
 * Writes the report of the catalogue into `dir`, as `verifik-paths --html <dir>` does: every path
 * (or `options.paths`), its coverage, and the results of the drivers that ran in that folder before
 * (`e2e-results.*.json`, `screenshots/`). Returns the path of `index.html`.
 * @example
 * const page = htmlReport('login-report');
 * console.log(`open ${page}`);
 */
export function htmlReport(dir: string, options: HtmlReportOptions = {}): string {
  const paths = options.paths ?? getLoginPaths();
  return writeHtmlReport(dir, {
    paths,
    coverage: getCoverage(paths),
    ...(options.title !== undefined && { title: options.title }),
  });
}
