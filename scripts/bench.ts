/**
 * The budgets of the core, measured in one run: bundle size (and its split by dependency), what the
 * login adds to a real React and Vue app (the consumer fixtures, built from the packed packages), the
 * cost of a login flow against a bare XState machine, heap growth over 10 000 flows, and the server
 * handler (`@verifik-auth/server`): 200 logins at once, the latency it adds, its heap over 10 000 logins.
 * Prints every figure and exits with 1 when one is over budget.
 *
 *   pnpm bench
 *
 * Needs `global.gc`: without `--expose-gc` it re-runs itself with the flag (see `bench/gc.ts`).
 */
import { version as esbuildVersion } from 'esbuild';
import { appFixtures, appLabels, measureAppSizes } from './bench/app-sizes.js';
import { measureFlowSpeed } from './bench/flows.js';
import { gcOrRespawn } from './bench/gc.js';
import { measureHeapGrowth } from './bench/heap.js';
import { type Figure, int, kb, mb, percent, summary, table } from './bench/report.js';
import { measureServerHandler } from './bench/server-handler.js';
import { buckets, coreEntry, kyEntry, measureBundle, measureCoreBundle, xstateEntry } from './bench/size.js';
import { measureStoreCeiling } from './bench/store-ceiling.js';
import { Reporter } from './consumer/prepare.js';

const budget = {
  /**
   * What an app importing the three entry points ships, xstate bundled. A regression guard since issue
   * 18 (the 28 KB target was out of reach with ky, valibot and xstate kept: see the README): 32.0 KB
   * then, so about 2 KB of room for what Verifik's real answers still need.
   */
  totalGzipBytes: 34 * 1024,
  /** The same for an app that already has xstate: everything but xstate (19.2 KB then; was ≤ 15 KB). */
  withoutXstateGzipBytes: 21 * 1024,
  flowCostRatio: 2,
  heapGrowthBytes: 5 * 1024 * 1024,
  heapFlows: 10_000,
  /** The server handler: logins at once with no error, and what it adds to a request at the median. */
  serverConcurrentLogins: 200,
  /**
   * Was 2 ms (1.87 measured). Issue 17 adds to every send: one more event-loop turn in toNodeHandler (so
   * a connection reset with the request is seen before Verifik is called), the challenge cookie's
   * signature, and three counters consumed atomically; in-process the handler's send went from 0.36 to
   * 0.43 ms p50, and the hop grew with the extra turn. Raised to 2.5 ms, the issue's ceiling.
   */
  serverAddedP50Ms: 2.5,
  serverHeapLogins: 10_000,
  /**
   * Was 10 MB. The memory store now keeps, by design, a record per live login (it lives as long as the
   * token) and three more counters per login (confirm attempts per code, address and destination, the
   * last for a day): about 0.8 KB a login that stays. Their ceiling has a figure of its own below.
   */
  serverHeapGrowthBytes: 15 * 1024 * 1024,
  /** The memory store after a day with every default limit at its ceiling. */
  storeDayBytes: 64 * 1024 * 1024,
};

const gc = gcOrRespawn();
const figures: Figure[] = [];
const started = performance.now();

// The server handler first, while this process is fresh: the later sections leave a large heap behind
// whose collections would land in its latency samples. Its figures are listed last.
const serverFigures: Figure[] = [];
// ---------------------------------------------------------------------------------------------------
// Server handler
// ---------------------------------------------------------------------------------------------------

console.log(
  'Server handler: createVerifikAuth in front of the mock Verifik (its own process, fixed code). Logins\n' +
    '  (send, confirm, GET /session with the cookie) at once over HTTP, each from its own client address\n' +
    '  (getClientAddress reads a bench header, as a trusted proxy would set it); then the same send one at a\n' +
    '  time through the handler and straight to the mock, 1 000 of each interleaved (first tenth dropped); then heap after\n' +
    '  GC around logins with the default memory store, the handler called in-process.',
);
const server = await measureServerHandler(gc, {
  concurrent: budget.serverConcurrentLogins,
  samples: 1_000,
  heapLogins: budget.serverHeapLogins,
});
const ms = (value: number) => `${value.toFixed(2)} ms`;
const added = {
  p50: server.latency.handlerP50 - server.latency.directP50,
  p95: server.latency.handlerP95 - server.latency.directP95,
};
console.log(
  `  ${server.concurrent.logins} logins at once: ${server.concurrent.errors} errors in ` +
    `${(server.concurrent.wallMs / 1000).toFixed(1)} s${server.concurrent.firstError ? ` (first: ${server.concurrent.firstError})` : ''}\n` +
    `  send, ${server.latency.samples} samples: through the handler p50 ${ms(server.latency.handlerP50)}, ` +
    `p95 ${ms(server.latency.handlerP95)}; direct p50 ${ms(server.latency.directP50)}, p95 ${ms(server.latency.directP95)}\n` +
    `  added by the handler: p50 ${ms(added.p50)}, p95 ${ms(added.p95)}; of a sample, medians: the handler's own\n` +
    `  work ${ms(server.latency.ownWorkP50)} (its time less its wait for Verifik's headers), the HTTP hop to it ` +
    `${ms(server.latency.hopP50)} (node:http + toNodeHandler, in the bench's process)\n` +
    `  heap: ${int(server.heap.logins)} logins (${server.heap.errors} errors), before ${mb(server.heap.beforeBytes)}, ` +
    `after ${mb(server.heap.afterBytes)}, growth ${mb(server.heap.growthBytes)}`,
);
console.log();

serverFigures.push(
  {
    name: `server: errors in ${server.concurrent.logins} logins at once`,
    value: String(server.concurrent.errors),
    budget: '= 0',
    pass: server.concurrent.errors === 0,
  },
  {
    name: 'server: latency added, p50',
    value: ms(added.p50),
    budget: `≤ ${ms(budget.serverAddedP50Ms)}`,
    pass: added.p50 <= budget.serverAddedP50Ms,
  },
  { name: 'server: latency added, p95', value: ms(added.p95), budget: '—' },
  { name: "  of which the handler's own work, p50", value: ms(server.latency.ownWorkP50), budget: '—' },
  { name: '  of which the HTTP hop to it, p50', value: ms(server.latency.hopP50), budget: '—' },
  {
    name: `server: heap growth after ${int(server.heap.logins)} logins`,
    value: mb(server.heap.growthBytes),
    budget: `≤ ${mb(budget.serverHeapGrowthBytes)}, 0 errors`,
    pass: server.heap.growthBytes <= budget.serverHeapGrowthBytes && server.heap.errors === 0,
  },
);

console.log(
  'Memory store at the ceiling for a day: the default limits, 1 000 codes an hour (each to its own number\n' +
    '  from its own address), each code tried 5 times from addresses of their own, a login per code refreshed\n' +
    "  once; through the handler's limiter and key hasher on a simulated clock; heap after GC.",
);
const ceiling = await measureStoreCeiling(gc);
console.log(
  `  ${int(ceiling.sends)} sends, ${int(ceiling.confirms)} confirms, ${int(ceiling.logins)} logins: the store holds ` +
    `${mb(ceiling.heapBytes)} (${int(Math.round(ceiling.heapBytes / ceiling.logins))} B a login with its counters); ` +
    `${ceiling.refusedForRoom} requests refused for want of room`,
);
console.log();
serverFigures.push({
  name: 'server: memory store after a day at the default ceilings',
  value: mb(ceiling.heapBytes),
  budget: `≤ ${mb(budget.storeDayBytes)}, none refused for room`,
  pass: ceiling.heapBytes <= budget.storeDayBytes && ceiling.refusedForRoom === 0,
});

// ---------------------------------------------------------------------------------------------------
// Size
// ---------------------------------------------------------------------------------------------------

console.log(`Core bundle: ${coreEntry}`);
console.log(
  `  esbuild ${esbuildVersion}: bundle, minify, ESM, platform browser, target es2022, tree shaking,\n` +
    '  conditions @verifik-auth/source + module, NODE_ENV=production, no legal comments; gzip level 9; 1 KB = 1024 B.\n' +
    "  Split: the gzipped total apportioned by each part's share of the minified bytes (esbuild metafile\n" +
    "  bytesInOutput); 'own' is packages/core/src plus the bundle's export glue.",
);
const size = await measureCoreBundle();
const [xstateAlone, kyAlone] = await Promise.all([measureBundle(xstateEntry), measureBundle(kyEntry)]);
console.log();
console.log(
  table(
    ['part', 'minified', 'share', 'gzip'],
    [
      ...buckets.map((bucket) => [
        bucket,
        `${int(size.minified[bucket])} B`,
        percent(size.minified[bucket], size.minifiedBytes),
        kb(size.gzip[bucket]),
      ]),
      ['total', `${int(size.minifiedBytes)} B`, '100.0%', kb(size.gzipBytes)],
    ],
    [1, 2, 3],
  ),
);
console.log();
console.log(
  `  without xstate (xstate external, an app that already has it): ${kb(size.withoutXstate.gzipBytes)} ` +
    `(${int(size.withoutXstate.minifiedBytes)} B minified)`,
);
console.log(
  `  own code built alone (dependencies external), gzipped by itself: ${kb(size.ownAlone.gzipBytes)} ` +
    `(${int(size.ownAlone.minifiedBytes)} B minified)`,
);
const ownFiles = size.inputs.filter((input) => input.bucket === 'own').slice(0, 6);
console.log(
  `  largest own files (minified): ${ownFiles
    .map((input) => `${input.path.split('/').pop()} ${int(input.bytes)} B`)
    .join(', ')}`,
);
console.log(`  for scale, same method: ${xstateEntry} → ${kb(xstateAlone.gzipBytes)}`);
console.log(`                          ${kyEntry} → ${kb(kyAlone.gzipBytes)}`);
// What the dependencies leave of the total budget: the most our own code could weigh and still pass.
const dependencyGzip = size.gzip.xstate + size.gzip.ky + size.gzip.valibot;
const roomForOwn = budget.totalGzipBytes - dependencyGzip;
console.log(
  `  xstate + ky + valibot as bundled: ${kb(dependencyGzip)}, which leaves ${kb(roomForOwn)} of the ` +
    `${kb(budget.totalGzipBytes)} total for our own code (now ${kb(size.gzip.own)})`,
);
console.log();

figures.push(
  {
    name: 'core bundle with xstate, gzipped',
    value: kb(size.gzipBytes),
    budget: `≤ ${kb(budget.totalGzipBytes)}`,
    pass: size.gzipBytes <= budget.totalGzipBytes,
  },
  ...(['xstate', 'ky', 'valibot', 'own'] as const).map((bucket) => ({
    name: `  of which ${bucket === 'own' ? 'own code' : bucket}`,
    value: kb(size.gzip[bucket]),
    budget: '—',
  })),
  {
    name: 'core bundle without xstate, gzipped',
    value: kb(size.withoutXstate.gzipBytes),
    budget: `≤ ${kb(budget.withoutXstateGzipBytes)}`,
    pass: size.withoutXstate.gzipBytes <= budget.withoutXstateGzipBytes,
  },
  { name: 'own code alone (deps external)', value: kb(size.ownAlone.gzipBytes), budget: '—' },
  { name: 'room left for own code in the total', value: kb(roomForOwn), budget: '—' },
  { name: 'xstate alone (scale)', value: kb(xstateAlone.gzipBytes), budget: '—' },
  { name: 'ky alone (scale)', value: kb(kyAlone.gzipBytes), budget: '—' },
);

// ---------------------------------------------------------------------------------------------------
// Real apps
// ---------------------------------------------------------------------------------------------------

console.log(
  "Apps: the consumer fixtures (README snippets + a provider fed by the app's own createActor), installed\n" +
    '  from the packed tarballs and built by Vite, against the same app without the login; gzip -9 of the JS.',
);
const apps = await measureAppSizes({ reporter: new Reporter(true) });
for (const fixture of appFixtures) {
  const { app, bare, difference } = apps[fixture];
  const label = appLabels[fixture];
  console.log(`  ${label}: ${kb(app)} with the login, ${kb(bare)} bare: the login adds ${kb(difference)}`);
  figures.push({ name: `${label} app, login added`, value: kb(difference), budget: '—' });
}
console.log();

// ---------------------------------------------------------------------------------------------------
// Flow speed
// ---------------------------------------------------------------------------------------------------

console.log(
  'Flow speed: create actor, wait for idle, login.phone, wait for awaitingOtp, otp.submit, wait for\n' +
    '  authenticated, stop. Core: createLoginMachine({ client: stub, storage: always empty }); baseline:\n' +
    '  a bare XState machine with the same top-level states and instantly resolving fromPromise actors.',
);
const speed = await measureFlowSpeed();
const perFlow = (rate: number) => `${((1000 * 1000) / rate).toFixed(0)} µs/flow`;
const [lowRatio, highRatio] = speed.ratioRange;
console.log(
  `  ${speed.rounds} rounds of ${speed.roundMs} ms after a warm-up, each interleaving batches of ${speed.batch}\n` +
    '  flows of both machines, timed in CPU time of this process; medians over the rounds.\n' +
    `  core     ${int(speed.coreFlowsPerSecond)} flows/s (${perFlow(speed.coreFlowsPerSecond)})\n` +
    `  baseline ${int(speed.baselineFlowsPerSecond)} flows/s (${perFlow(speed.baselineFlowsPerSecond)})\n` +
    `  ratio    ${speed.ratio.toFixed(2)} (baseline rate / core rate; rounds ranged ` +
    `${lowRatio.toFixed(2)}–${highRatio.toFixed(2)})`,
);
console.log();

figures.push(
  { name: 'core flows/s (CPU)', value: int(speed.coreFlowsPerSecond), budget: '—' },
  { name: 'baseline flows/s (CPU)', value: int(speed.baselineFlowsPerSecond), budget: '—' },
  {
    name: 'flow cost, core / baseline',
    value: `${speed.ratio.toFixed(2)}×`,
    budget: `≤ ${budget.flowCostRatio.toFixed(2)}×`,
    pass: speed.ratio <= budget.flowCostRatio,
  },
);

// ---------------------------------------------------------------------------------------------------
// Heap
// ---------------------------------------------------------------------------------------------------

console.log(`Heap: ${int(budget.heapFlows)} core flows on one machine, heapUsed after GC before and after.`);
const heap = await measureHeapGrowth(gc, { flows: budget.heapFlows });
console.log(
  `  before ${mb(heap.beforeBytes)}, after ${mb(heap.afterBytes)}, growth ${mb(heap.growthBytes)}; ` +
    `timers left behind: ${heap.timersLeft}`,
);
console.log();

figures.push(
  {
    name: `heap growth after ${int(heap.flows)} flows`,
    value: mb(heap.growthBytes),
    budget: `≤ ${mb(budget.heapGrowthBytes)}`,
    pass: heap.growthBytes <= budget.heapGrowthBytes,
  },
  { name: 'timers left after the flows', value: String(heap.timersLeft), budget: '—' },
);

// ---------------------------------------------------------------------------------------------------

figures.push(...serverFigures);
console.log(summary(figures));
const failed = figures.filter((figure) => figure.pass === false);
console.log();
console.log(
  `${failed.length === 0 ? 'All budgets met' : `${failed.length} over budget`} ` +
    `(${((performance.now() - started) / 1000).toFixed(1)} s).`,
);
process.exitCode = failed.length === 0 ? 0 : 1;
