import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// By path, like the core and the mock server (see README.md).
import {
  createPathClock,
  type ExpectedState,
  getLoginPaths,
  type LoginPath,
  pathClockStart,
  pathMachineOptions,
  pathMockOptions,
} from '../packages/testing/src/index.js';
import { type PathRunResult, recordResults } from '../packages/testing/src/report/results.js';
import { useChromium } from './chromium.js';
import {
  type ActorFallback,
  browserPaths,
  createPlaywrightPathDriver,
  emailCountdownShort,
  type PlaywrightPathDriver,
  pathDemoParams,
  requestText,
} from './path-driver.js';
import { demoCases, type MockServer, type RunningDemo, startDemo, startMock } from './servers.js';
import { compileScenario, loadFeature } from './steps/gherkin.js';
import { loginSteps } from './steps/login.steps.js';
import { failureScreenshot, type LineResult, pathResult, runScenario, ScenarioError } from './steps/run.js';

/**
 * The Chromium path run: `packages/testing/catalogue/login.paths.feature` as it is, through the step
 * definitions in `steps/`, on every demo. It runs the `@shortest` scenarios but those tagged
 * `@page-cannot-drive` (shown as skipped) and each outline's later examples (see {@link isLaterExample}); `VERIFIK_REPORT_DIR` records each step's result (and a
 * screenshot of a failed one) for the QA report.
 */
const featureUrl = new URL('../packages/testing/catalogue/login.paths.feature', import.meta.url);
const scenarios = loadFeature(featureUrl).map((scenario) => ({
  ...scenario,
  plan: compileScenario(scenario, loginSteps),
}));

const browserTags = { include: '@shortest', exclude: '@page-cannot-drive' } as const;
const shortest = scenarios.filter(({ tags }) => tags.includes(browserTags.include));
const drivable = shortest.filter(({ tags }) => !tags.includes(browserTags.exclude));
const excluded = shortest.filter(({ tags }) => tags.includes(browserTags.exclude));
/**
 * A Scenario Outline's later examples (`<path>[<actor>.<code>]`): the same path, its steps and
 * transitions, with another error code of the same outcome. Chromium runs every path once, through
 * its outline's first example; the later ones differ only in the message the page shows, which every
 * binding's catalogue replay checks in jsdom (apps/<binding>/src/paths), so the browser run, the
 * suite's longest, spends its time on what only a browser shows. The report lists them as skipped here.
 */
const isLaterExample = (id: string) => id.includes('[');
const selected = drivable.filter(({ plan }) => !isLaterExample(plan.id));
const laterExamples = drivable.filter(({ plan }) => isLaterExample(plan.id));

const reportDir = process.env.VERIFIK_REPORT_DIR?.trim() || undefined;

/**
 * Where the shipped login differs from the catalogue, as this run sees it, by path: these differences
 * pass, and each demo's last test fails when one no longer shows up or another appears.
 */
const knownDifferences: Record<string, string[]> = {
  // A refresh stores the new token under the cross-tab lock (refreshSession in
  // packages/core/src/login.actors.ts), then the machine stores the same session again on its way
  // back to `active` (storeSession in login.machine.ts): two writes, where the catalogue has one.
  'live.refresh.refreshed': ['storage writes: expected ["save"], got ["save","save"]'],
  // The same for a revoke (revokeOtherSessions stores under the lock, then storeSession).
  'live.revoke.revoked': ['storage writes: expected ["save"], got ["save","save"]'],
  // The email answer dates itself only to the minute (Verifik's signature; the mock server's `Date`
  // header is not exposed to the page), so the core's code deadline runs up to a minute short of the
  // catalogue's 10 minutes, on purpose (packages/core/src/server-clock.ts).
  ...Object.fromEntries(
    [
      'empty.email.sent.clock-back',
      'empty.email.sent.wrong-code',
      'empty.email.sent.wait.clock-back',
      'empty.email.sent.right-code.confirm-otp-expired',
      'empty.email.sent.wait.resend.send-invalid-email',
      // The authenticator step shows the same code's countdown.
      'empty.email.sent.right-code.app-setup.app-code',
      'empty.email.sent.right-code.app-setup.clock-back',
      'empty.email.sent.right-code.app-setup.wrong-app-code',
    ].map((id) => [id, [emailCountdownShort]]),
  ),
};

describe('the login paths feature', () => {
  it('leaves out, by tag, the scenarios a page cannot act out: the shortest paths pathRequirements rules out', () => {
    const ids = excluded.map(({ plan }) => plan.id);
    const { leftOut } = browserPaths(getLoginPaths({ strategy: 'shortest' }));
    expect(ids).toEqual(leftOut.map(({ path }) => path.id));
    expect(excluded.map(({ plan }) => plan.name)).toEqual([
      'wait: 5 s pass (storageTimeout fires) (restoring → idle)',
      'email: the user enters a valid email (restoring → sending)',
      'bad-email: the user enters an invalid email (restoring → restoring)',
      'phone: the user enters a valid phone number (restoring → sending)',
      'bad-phone: the user enters an invalid phone number (restoring → restoring)',
      'storage-fails: reading the storage fails (restoring → idle)',
      'tab-login: another tab logs in (restoring → authenticated.active)',
      'tab-logout: another tab logs out (restoring → idle)',
    ]);
    expect(selected.length + laterExamples.length + excluded.length).toBe(
      getLoginPaths({ strategy: 'shortest' }).length,
    );
  });

  it("runs every shortest path a page can drive, each once: an outline's later examples only change the error code", () => {
    const pathIds = new Set(drivable.map(({ plan }) => plan.id.replace(/\[.*\]$/, '')));
    expect(selected.map(({ plan }) => plan.id).sort()).toEqual([...pathIds].sort());
    for (const { plan } of laterExamples) {
      const first = selected.find((scenario) => plan.id.startsWith(`${scenario.plan.id}[`));
      expect(first, plan.id).toBeDefined();
      // The same steps but for the error's code and message: the same transitions.
      expect(
        plan.path.steps.map((step) => step.expect.value),
        plan.id,
      ).toEqual(first?.plan.path.steps.map((step) => step.expect.value));
    }
  });

  it('states the setup this run gives the demos and the mock server', () => {
    const demo = pathDemoParams('');
    for (const { plan } of scenarios) {
      expect(plan.settings, plan.id).toEqual({
        startsAt: pathClockStart,
        otpTtlMs: pathMockOptions.otpTtlMs,
        resendCooldownMs: demo.cooldown,
        autoRefreshBeforeExpiryMs: demo.autoRefresh,
        codesNeverStored: true,
      });
    }
    expect(pathMachineOptions.autoRefresh.beforeExpiryMs).toBe(demo.autoRefresh);
  });

  it('says everything the catalogue expects of a page: each scenario reads back as its path', () => {
    const catalogue = new Map(getLoginPaths().map((path) => [path.id, path]));
    expect(scenarios.map(({ plan }) => plan.id).sort()).toEqual([...catalogue.keys()].sort());
    for (const { plan } of scenarios) {
      const path = catalogue.get(plan.id);
      if (!path) continue;
      expect(comparable(plan.path), plan.id).toEqual(comparable(path));
    }
  });
});

/**
 * What a scenario can say of a path: every step's case, action, calls, effects and expected state but
 * the controls the machine would accept (`enabled`: a page shows buttons, not what the machine takes)
 * and the server's answers when a call succeeds (the mock server makes them).
 */
function comparable(path: LoginPath) {
  const state = ({ enabled: _enabled, ...expect }: ExpectedState) => ({
    ...expect,
    resendInSeconds: expect.canResend ? null : expect.resendInSeconds || null,
  });
  const opensWithRead =
    path.steps[0]?.action.type === 'settle' && path.steps[0].action.actor === 'loadSession';
  return {
    startsAt: path.startsAt,
    ...(!opensWithRead && { initial: state(path.initial) }),
    steps: path.steps.map((step) => ({
      case: step.case,
      action:
        step.action.type === 'settle' &&
        step.action.outcome.status === 'done' &&
        step.action.actor !== 'loadSession'
          ? { ...step.action, outcome: { status: 'done' } }
          : step.action,
      calls: [...step.calls].filter((call) => call !== 'loadSession').sort(),
      expect: state(step.expect),
      effects: { ...step.effects, requests: step.effects.requests.map(requestText) },
    })),
  };
}

const browser = useChromium();

// The demos run side by side (each its own pages, preview server, mock server and clock: the two
// cores are otherwise half idle, waiting on pages), each demo's scenarios one at a time on its driver.
describe.concurrent.each(demoCases())('the login paths feature in the %s demo', (name, demo) => {
  let app: RunningDemo;
  let mock: MockServer;
  let driver: PlaywrightPathDriver;
  const fallbacks: ActorFallback[] = [];
  const known: string[] = [];
  const driverName = `chromium-${name}`;
  const results: PathRunResult[] = [];

  beforeAll(async () => {
    const clock = createPathClock();
    [app, mock] = await Promise.all([
      startDemo(demo),
      startMock({ ...pathMockOptions, now: clock.serverNow }),
    ]);
    driver = createPlaywrightPathDriver({
      browser: browser(),
      appUrl: app.url,
      apiUrl: mock.url,
      clock,
      onFallback: (fallback) => fallbacks.push(fallback),
    });
  });

  afterAll(async () => {
    await driver?.close();
    await Promise.all([app?.close(), mock?.close()]);
    if (reportDir) {
      const skipped = [...excluded, ...laterExamples].map(
        ({ plan }): PathRunResult => ({ id: plan.id, status: 'skipped', steps: [] }),
      );
      recordResults(reportDir, { driver: driverName, paths: [...results, ...skipped] });
    }
  });

  for (const { plan } of selected) {
    it.sequential(plan.name, async () => {
      let screenshot = false;
      let lines: readonly LineResult[];
      try {
        lines = await runScenario(plan, {
          driver,
          known: knownDifferences[plan.id] ?? [],
          onKnown: (text) => known.push(`${plan.id}: ${text}`),
          onFailure: async (failed) => {
            if (!reportDir) return;
            const file = failureScreenshot(reportDir, driverName, plan, failed);
            await mkdir(dirname(file), { recursive: true });
            await driver.screenshot(file).then(
              () => {
                screenshot = true;
              },
              () => undefined,
            );
          },
        });
      } catch (error) {
        if (error instanceof ScenarioError)
          results.push(pathResult(plan, error.results, { driver: driverName, taken: screenshot }));
        throw error;
      }
      results.push(pathResult(plan, lines));
    });
  }

  // Left out on purpose, by tag: shown as skipped, never silently gone.
  for (const { plan } of excluded) {
    it.sequential
      .skip(`${plan.name} (${browserTags.exclude})`, () => undefined);
  }

  it.sequential('meets the known differences, and no others that pass', () => {
    const expected = Object.entries(knownDifferences)
      .filter(([id]) => selected.some(({ plan }) => plan.id === id))
      .flatMap(([id, texts]) => texts.map((text) => `${id}: ${text}`));
    expect([...new Set(known)].sort()).toEqual(expected.sort());
  });

  it.sequential('sends an event to the actor only where the page offers no control for it', () => {
    expect(
      fallbacks.map(({ path, step, event, shown }) => `${path} step ${step}: ${event} in ${shown}`),
    ).toEqual([
      // No "Change number" on the form of an expired session, nor while the code is being sent.
      'stale.cancel step 2: login.cancel in expired',
      'empty.phone.cancel step 3: login.cancel in sending',
      // "Resend code" is disabled during the cooldown.
      'empty.phone.sent.resend step 4: otp.resend in awaitingOtp',
      // An expired code offers "Resend code" and "Change number", not the form.
      'empty.phone.sent.right-code.confirm-otp-expired.email step 6: login.email in expired',
      'empty.phone.sent.right-code.confirm-otp-expired.phone step 6: login.phone in expired',
    ]);
  });
});
