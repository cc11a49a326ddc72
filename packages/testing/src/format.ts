import type { Session } from '@verifik-auth/core';
import {
  isAuthenticatorAnswer,
  type PathAuthenticatorAnswer,
  pathMachineOptions,
  pathOtpTtlMs,
} from './cases.js';
import type {
  ApiRequest,
  Coverage,
  CoverageFigure,
  ExpectedState,
  LoginPath,
  PathAction,
  PathStep,
  StepEffects,
} from './path.types.js';

// ------------------------------------------------------------------------------------------------
// Words shared by the Markdown and Gherkin renderings
// ------------------------------------------------------------------------------------------------

const units: Array<[string, number]> = [
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['min', 60_000],
  ['s', 1_000],
  ['ms', 1],
];

/**
 * A duration in words a person reads and a step definition parses back: `2 min`, `8 d`,
 * `24 d 20 h 31 min 23 s 647 ms`; `0 s` for none.
 */
export function formatDuration(ms: number): string {
  let left = Math.abs(ms);
  const parts: string[] = [];
  for (const [unit, size] of units) {
    const count = Math.floor(left / size);
    if (count > 0) parts.push(`${count} ${unit}`);
    left -= count * size;
  }
  return parts.length ? parts.join(' ') : '0 s';
}

/** Parses {@link formatDuration}'s words back to ms; throws on anything else. */
export function parseDuration(text: string): number {
  const pattern = /^(\d+) (d|h|min|s|ms)(?: |$)/;
  let rest = text.trim();
  let total = 0;
  if (!rest) throw new Error(`not a duration: "${text}"`);
  while (rest) {
    const match = pattern.exec(rest);
    const size = match ? units.find(([unit]) => unit === match[2])?.[1] : undefined;
    if (!match || size === undefined) throw new Error(`not a duration: "${text}"`);
    total += Number(match[1]) * size;
    rest = rest.slice(match[0].length);
  }
  return total;
}

/** Whole seconds as a countdown shows them: `2:00`, `10:00`, `0:05`. */
export const formatCountdown = (seconds: number) =>
  `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;

/** A request as one line: `POST /v2/projects/phone-login with {…}`, `GET … with "Bearer <token>"`. */
export function formatRequest(request: ApiRequest): string {
  const parts = [`${request.method} ${request.path}`];
  if (request.body) parts.push(`with ${JSON.stringify(request.body)}`);
  if (request.authorization) parts.push(`${request.body ? 'and' : 'with'} "${request.authorization}"`);
  return parts.join(' ');
}

// ------------------------------------------------------------------------------------------------
// Markdown
// ------------------------------------------------------------------------------------------------

const escapeCell = (text: string) => text.replace(/\|/g, '\\|');

/** What a step leads to, compactly: the state, then what the UI shows beside the step. */
function stateText(expect: ExpectedState): string {
  const details: string[] = [];
  if (expect.error) details.push(`error ${expect.error}`);
  if (expect.fieldErrors.length) details.push(`invalid ${expect.fieldErrors.join(', ')}`);
  if (expect.busy) details.push('busy');
  if (expect.resending) details.push('resending');
  if (expect.attempts) details.push(`${expect.attempts} wrong`);
  if (expect.maskedIdentifier) details.push(`for ${expect.maskedIdentifier}`);
  if (expect.canResend) details.push('can resend');
  else if (expect.resendInSeconds) details.push(`resend in ${formatCountdown(expect.resendInSeconds)}`);
  if (expect.otpExpiresInSeconds !== null)
    details.push(`code expires in ${formatCountdown(expect.otpExpiresInSeconds)}`);
  if (expect.expiredReason)
    details.push(expect.expiredReason === 'revoked' ? 'session revoked' : `${expect.expiredReason} expired`);
  if (expect.signedIn) details.push('signed in');
  return details.length ? `${expect.value} (${details.join('; ')})` : expect.value;
}

/** The outside world after a step: requests, abandoned calls, storage writes, and what is stored when it changed. */
function effectsText(effects: StepEffects, storedBefore: StepEffects['stored'] | null): string {
  const parts = [
    ...effects.requests.map((request) => `⇢ ${formatRequest(request)}`),
    ...effects.aborted.map((request) => `✕ ${request}`),
    ...effects.storageWrites.map((write) => `storage ${write}`),
  ];
  if (effects.stored !== storedBefore && !explainedByWrites(effects)) parts.push(`stored: ${effects.stored}`);
  return parts.join('; ');
}

/** Whether the last write already says what is stored (a save leaves a session, a clear nothing). */
function explainedByWrites(effects: StepEffects): boolean {
  const last = effects.storageWrites.at(-1);
  return (
    (last === 'save' && effects.stored === 'session') || (last === 'clear' && effects.stored === 'nothing')
  );
}

function stepText(
  n: number | string,
  step: Pick<PathStep, 'description' | 'expect' | 'effects'>,
  storedBefore: StepEffects['stored'] | null,
) {
  const effects = effectsText(step.effects, storedBefore);
  return `${n}. ${step.description} → ${stateText(step.expect)}${effects ? ` · ${effects}` : ''}`;
}

/**
 * The paths as a Markdown table: id, tags, description, and the numbered steps with the state each
 * leads to, what the UI shows beside it, the requests the step makes (`⇢`), the calls it abandons
 * (`✕`), its storage writes and what is stored whenever that changes. A scenario outline lists its
 * other answers to the last step after the steps.
 * @example
 * console.log(formatMarkdown(loadCatalogue().paths));
 */
export function formatMarkdown(paths: readonly LoginPath[]): string {
  const rows = paths.map((path) => {
    let stored: StepEffects['stored'] | null = null;
    const steps = path.steps.map((step, i) => {
      const text = stepText(i + 1, step, stored);
      stored = step.effects.stored;
      return text;
    });
    const last = path.steps.length;
    const before = path.steps.at(-2)?.effects.stored ?? null;
    for (const example of path.examples ?? []) {
      steps.push(stepText(`or ${last}`, example, before));
    }
    const tags = [path.strategy, ...path.tags].join(' ');
    return `| ${path.id} | ${tags} | ${escapeCell(path.description)} | ${escapeCell(steps.join('<br>'))} |`;
  });
  return ['| id | tags | description | steps |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

/** The paths as JSON for tools: every step with its action, expected state and transitions. */
export function formatJson(paths: readonly LoginPath[], coverage?: Coverage): string {
  return JSON.stringify(
    { machine: 'login', machineOptions: pathMachineOptions, ...(coverage && { coverage }), paths },
    null,
    2,
  );
}

// ------------------------------------------------------------------------------------------------
// Gherkin
// ------------------------------------------------------------------------------------------------

type Keyword = 'Given' | 'When' | 'Then';

/**
 * One Gherkin step: `template` holds `{name}` slots, filled from `values`. Keeping the values apart
 * lets a scenario outline turn the ones that differ between its rows into `<name>` placeholders.
 */
interface Line {
  keyword: Keyword;
  template: string;
  values: Record<string, string>;
}

const line = (keyword: Keyword, template: string, values: Record<string, string> = {}): Line => ({
  keyword,
  template,
  values,
});

const fill = (template: string, values: Record<string, string>) =>
  template.replace(/\{(\w+)\}/g, (slot, name: string) => values[name] ?? slot);

/** What each call does, in the words of its outcomes. */
const callWords: Record<string, { done: string; failing: string }> = {
  requestOtp: { done: 'the code is sent', failing: 'sending the code' },
  confirmOtp: { done: 'the code is accepted', failing: 'checking the code' },
  refreshSession: { done: 'the session is refreshed', failing: 'refreshing the session' },
  revokeOtherSessions: {
    done: 'the other sessions are signed out',
    failing: 'signing out everywhere else',
  },
  loadSession: { done: 'the stored session is read', failing: 'reading the stored session' },
};

/** The action of a step, as a When line; anything without words of its own is sent as it is. */
function actionLine(action: PathAction, stepCase: string): Line {
  switch (action.type) {
    case 'send': {
      const { event } = action;
      const extra = (keys: string[]) => Object.keys(event).some((key) => !['type', ...keys].includes(key));
      switch (event.type) {
        case 'login.phone':
          if (extra(['countryCode', 'phone'])) break;
          return line('When', 'I enter the phone number "{countryCode}" "{phone}"', {
            countryCode: event.countryCode,
            phone: event.phone,
          });
        case 'login.email':
          if (extra(['email'])) break;
          return line('When', 'I enter the email "{email}"', { email: event.email });
        case 'otp.submit':
          if (extra(['otp'])) break;
          return line('When', 'I enter the code "{code}"', { code: event.otp });
        case 'authenticator.submit':
          if (extra(['authenticatorOtp'])) break;
          return line('When', 'I enter the authenticator code "{code}"', { code: event.authenticatorOtp });
        case 'otp.resend':
          return line('When', 'I ask for a new code');
        case 'login.cancel':
          return line('When', 'I cancel');
        case 'session.refresh':
          return line('When', 'I refresh the session');
        case 'session.logout':
          return line('When', 'I log out');
        case 'session.revokeOthers':
          return line('When', 'I sign out everywhere else');
      }
      return line('When', 'the page gets the event {event}', { event: JSON.stringify(event) });
    }
    case 'settle': {
      const words = callWords[action.actor];
      const { outcome } = action;
      if (!words || action.actor === 'loadSession') break;
      if (outcome.status === 'done' && isAuthenticatorAnswer(outcome.output)) {
        return line('When', authenticatorAnswerWords(outcome.output));
      }
      if (outcome.status === 'done') return line('When', words.done);
      return line('When', `${words.failing} fails with "{code}"`, { code: outcome.error.code });
    }
    case 'advance': {
      const duration = formatDuration(action.ms);
      const verb = /^1 \w+$/.test(duration) ? 'passes' : 'pass';
      // A half-wait: half the time to the next timer, to show that nothing happens early.
      const early = stepCase === 'advance.half' ? ', before anything is due' : '';
      return line('When', `{duration} ${verb}${early}`, { duration });
    }
    case 'adjustClock':
      return line('When', `the device clock goes ${action.ms < 0 ? 'back' : 'forward'} {duration}`, {
        duration: formatDuration(action.ms),
      });
    case 'reload':
      return line('When', 'the page reloads');
    case 'syncStorage':
      return line('When', action.session ? 'another tab logs in' : 'another tab logs out');
  }
  return line('When', 'the page gets the action {action}', { action: JSON.stringify(action) });
}

/** The confirm answer that asks for the authenticator, in words: with its setup or without. */
export function authenticatorAnswerWords(answer: PathAuthenticatorAnswer): string {
  return answer.qrCode !== undefined || answer.secretKey !== undefined
    ? 'the code is right and the authenticator must be set up'
    : "the code is right and the authenticator app's code is needed";
}

/** What the authenticator step shows, as a Then line's text. */
export function authenticatorShownWords(shown: { qrCode: boolean; secretKey: boolean }): string {
  if (shown.qrCode && shown.secretKey)
    return 'I am asked to set up the authenticator with a QR code and a key';
  if (shown.qrCode) return 'I am asked to set up the authenticator with a QR code alone';
  if (shown.secretKey) return 'I am asked to set up the authenticator with a key alone';
  return "I am asked for the authenticator app's code";
}

/** What the stored session is when the page opens, as a Given line. */
function storedSessionLine(first: PathStep | undefined, now: number): Line {
  const action = first?.action;
  if (action?.type !== 'settle' || action.actor !== 'loadSession') {
    return line('Given', 'reading the stored session takes a while');
  }
  const { outcome } = action;
  if (outcome.status === 'error') return line('Given', 'reading the stored session fails');
  const session = outcome.output as Session | null;
  if (!session) return line('Given', 'no session is stored');
  const issued = formatDuration(now - session.issuedAt);
  return session.expiresAt > now
    ? line('Given', 'a session issued {issued} ago that expires in {left} is stored', {
        issued,
        left: formatDuration(session.expiresAt - now),
      })
    : line('Given', 'a session issued {issued} ago that expired {ago} ago is stored', {
        issued,
        ago: formatDuration(now - session.expiresAt),
      });
}

/**
 * What must hold after a step, as Then/And lines: everything the page shows (what is not said must not
 * be shown), the requests the step makes, the calls it abandons, its storage writes, and what is
 * stored when that changes.
 */
function checkLines(
  expect: ExpectedState,
  effects: StepEffects | null,
  storedBefore: StepEffects['stored'] | null,
): Line[] {
  const lines = [
    expect.value === expect.step
      ? line('Then', 'I see the "{step}" step', { step: expect.step })
      : line('Then', 'I see the "{step}" step in state "{state}"', {
          step: expect.step,
          state: expect.value,
        }),
  ];
  if (expect.authenticator) lines.push(line('Then', authenticatorShownWords(expect.authenticator)));
  if (expect.busy) lines.push(line('Then', 'the page is busy'));
  if (expect.resending) lines.push(line('Then', 'the code step stays while a new code is sent'));
  if (expect.errorMessage) lines.push(line('Then', 'I see "{message}"', { message: expect.errorMessage }));
  else if (expect.error) lines.push(line('Then', 'I see the error "{error}"', { error: expect.error }));
  if (expect.fieldErrors.length === 1) {
    lines.push(line('Then', 'the field "{field}" is marked invalid', { field: expect.fieldErrors.join('') }));
  } else if (expect.fieldErrors.length) {
    lines.push(
      line('Then', 'the fields "{fields}" are marked invalid', { fields: expect.fieldErrors.join(', ') }),
    );
  }
  if (expect.attempts) {
    lines.push(
      line(
        'Then',
        expect.attempts === 1 ? 'I see {attempts} wrong attempt' : 'I see {attempts} wrong attempts',
        {
          attempts: String(expect.attempts),
        },
      ),
    );
  }
  if (expect.maskedIdentifier) {
    lines.push(line('Then', 'the login is for "{identifier}"', { identifier: expect.maskedIdentifier }));
  }
  if (expect.canResend) lines.push(line('Then', 'I can ask for a new code'));
  else if (expect.resendInSeconds) {
    lines.push(
      line('Then', 'I can ask for a new code in {countdown}', {
        countdown: formatCountdown(expect.resendInSeconds),
      }),
    );
  }
  if (expect.otpExpiresInSeconds !== null) {
    lines.push(
      line('Then', 'the code expires in {countdown}', {
        countdown: formatCountdown(expect.otpExpiresInSeconds),
      }),
    );
  }
  if (expect.expiredReason) {
    const what = {
      otp: 'the code has expired',
      session: 'the session has expired',
      revoked: 'the session was ended elsewhere',
    };
    lines.push(line('Then', `I see that ${what[expect.expiredReason]}`));
  }
  if (expect.signedIn) lines.push(line('Then', 'I am signed in'));
  if (!effects) return lines;
  for (const request of effects.requests) {
    lines.push(line('Then', 'the API received {request}', { request: formatRequest(request) }));
  }
  for (const request of effects.aborted) {
    lines.push(line('Then', 'the page abandons {request}', { request }));
  }
  for (const write of effects.storageWrites) {
    lines.push(line('Then', write === 'save' ? 'the session is saved' : 'the stored session is removed'));
  }
  if (effects.stored !== storedBefore && !explainedByWrites(effects)) {
    lines.push(line('Then', effects.stored === 'session' ? 'a session is stored' : 'nothing is stored'));
  }
  return lines;
}

/** A path's steps as Gherkin lines, the last step's apart (an outline varies only those). */
function pathLines(path: LoginPath, lastStep: PathStep | undefined = path.steps.at(-1)) {
  const [first] = path.steps;
  const opensWithRead = first?.action.type === 'settle' && first.action.actor === 'loadSession';
  const head: Line[] = [storedSessionLine(first, path.startsAt), line('When', 'I open the page')];
  let stored: StepEffects['stored'] | null = null;
  const rest = opensWithRead ? path.steps.slice(1) : path.steps;
  if (opensWithRead && first) {
    head.push(...checkLines(first.expect, first.effects, null));
    stored = first.effects.stored;
  } else {
    head.push(...checkLines(path.initial, null, null));
  }
  const steps = rest.map((step) => (step === rest.at(-1) && lastStep ? lastStep : step));
  const body = steps.map((step) => {
    const lines = [actionLine(step.action, step.case), ...checkLines(step.expect, step.effects, stored)];
    stored = step.effects.stored;
    return lines;
  });
  // A path whose only step opens the page has no last step of its own to vary.
  const last = rest.length ? (body.pop() ?? []) : [];
  return { lines: [...head, ...body.flat()], last };
}

const gherkinText = (text: string) => text.replace(/\s+/g, ' ').trim();
const cell = (text: string) => gherkinText(text).replace(/\\/g, '\\\\').replace(/\|/g, '\\|');

/** Lines as Gherkin, with And for a keyword that repeats the one before. */
function renderLines(lines: Line[], values: (line: Line) => Record<string, string>): string[] {
  let previous: Keyword | null = null;
  return lines.map((item) => {
    const keyword = item.keyword === previous ? 'And' : item.keyword;
    previous = item.keyword;
    return `    ${keyword} ${gherkinText(fill(item.template, values(item)))}`;
  });
}

/**
 * A scenario outline's last step with `<placeholders>` where the rows differ; null when the rows differ
 * in more than values (other lines), so the paths are written out one by one instead.
 */
function outlineOf(rows: Line[][]): { lines: Line[]; columns: string[]; table: string[][] } | null {
  const [first, ...others] = rows;
  if (!first) return null;
  const sameShape = others.every(
    (row) =>
      row.length === first.length &&
      row.every((item, i) => item.keyword === first[i]?.keyword && item.template === first[i]?.template),
  );
  if (!sameShape) return null;
  const columns: string[] = [];
  const columnValues = new Map<string, string[]>();
  const lines = first.map((item, i) => {
    const values: Record<string, string> = {};
    for (const name of Object.keys(item.values)) {
      const across = rows.map((row) => row[i]?.values[name] ?? '');
      if (across.every((value) => value === across[0])) {
        values[name] = item.values[name] ?? '';
        continue;
      }
      // The same answers under the same name share a column (a code in the action and in a check).
      let column = name;
      for (let n = 2; columnValues.has(column); n++) {
        if (columnValues.get(column)?.every((value, j) => value === across[j])) break;
        column = `${name}${n}`;
      }
      if (!columnValues.has(column)) {
        columnValues.set(column, across);
        columns.push(column);
      }
      values[name] = `<${column}>`;
    }
    return { ...item, values };
  });
  const table = rows.map((_row, j) => columns.map((column) => columnValues.get(column)?.[j] ?? ''));
  return { lines, columns, table };
}

/** The Background lines: what every path assumes, when they all start at the same moment. */
function backgroundLines(paths: readonly LoginPath[]): Line[] {
  const [first] = paths;
  const startsAt = first?.startsAt;
  const lines: Line[] = [];
  if (startsAt !== undefined && paths.every((path) => path.startsAt === startsAt)) {
    lines.push(line('Given', 'the clock reads "{time}"', { time: new Date(startsAt).toISOString() }));
  }
  lines.push(
    line('Given', 'a code lives {ttl}', { ttl: formatDuration(pathOtpTtlMs) }),
    line('Given', 'a new code may be asked for {cooldown} after the last one', {
      cooldown: formatDuration(pathMachineOptions.resendCooldownMs),
    }),
    line('Given', 'a session is refreshed {before} before it expires', {
      before: formatDuration(pathMachineOptions.autoRefresh.beforeExpiryMs),
    }),
    line('Given', 'a code is never stored'),
  );
  return lines;
}

const featureHeader = `Feature: Login paths generated from the login machine
  Each scenario is a path of packages/testing/catalogue/login.paths.json (its @id tag names it). The
  first Given says what the stored session is when the page opens. Each When is what the user, the
  server, time or another tab does; the Then and And lines after it are what must hold then: what the
  page shows (what they do not mention must not be shown: no error, no invalid field, no wrong
  attempt, not busy, not signed in), the requests the API received (none but those), the requests the
  page abandons, the storage writes, and what is stored, said whenever it changes. The server's answer
  to a request is prepared before the request is made, so a runner reads a scenario to its end before
  it starts. A scenario outline's rows are other answers to its last call. Tags name the requirements
  a path covers; @page-cannot-drive marks a path a page cannot act out (input before the stored
  session is read, a storage read that fails).
  Generated by verifik-paths from the committed catalogue; do not edit by hand.`;

/**
 * The paths as a Gherkin feature, for step definitions to run as it is: one scenario a path, tagged with
 * its strategy, its requirements and `@id:<path id>`, its steps in plain words with the values quoted
 * (`When I enter the phone number "+1" "1234566663"`, `Then I see "That code is not right. …"`,
 * `And the API received POST /v2/projects/phone-login with {…}`). A path with `examples` becomes a
 * Scenario Outline whose Examples table holds the other answers to its last call.
 * @example
 * writeFileSync('login.paths.feature', formatGherkin(loadCatalogue().paths));
 */
export function formatGherkin(paths: readonly LoginPath[]): string {
  const out = [
    featureHeader,
    '',
    '  Background:',
    ...renderLines(backgroundLines(paths), (item) => item.values),
  ];
  const background = backgroundLines(paths);
  const startsInBackground = background[0]?.template.startsWith('the clock reads') ?? false;
  for (const path of paths) {
    const tags = [`@${path.strategy}`, ...path.tags.map((tag) => `@${tag}`), `@id:${path.id}`].join(' ');
    const clock = startsInBackground
      ? []
      : [line('Given', 'the clock reads "{time}"', { time: new Date(path.startsAt).toISOString() })];
    const { lines, last } = pathLines(path);
    const examples = path.examples ?? [];
    const rows = [
      last,
      ...examples.map((example) => {
        const step = path.steps.at(-1);
        if (!step) return [];
        return pathLines(path, { ...step, ...example }).last;
      }),
    ];
    const outline = examples.length ? outlineOf(rows) : null;
    out.push('', `  ${tags}`);
    if (!outline) {
      out.push(`  Scenario: ${gherkinText(`${path.id}: ${path.description}`)}`);
      out.push(...renderLines([...clock, ...lines, ...last], (item) => item.values));
      // Answers that change more than values: each its own scenario, named like expandExamples does.
      for (const [i, example] of examples.entries()) {
        const step = path.steps.at(-1);
        if (!step) continue;
        const from = path.steps.at(-2)?.expect.value ?? path.initial.value;
        out.push('', `  ${tags}`);
        out.push(
          `  Scenario: ${gherkinText(`${path.id}[${example.case}]: ${example.description} (${from} → ${example.expect.value})`)}`,
        );
        out.push(...renderLines([...clock, ...lines, ...(rows[i + 1] ?? [])], (item) => item.values));
      }
      continue;
    }
    const ids = [path.id, ...examples.map((example) => `${path.id}[${example.case}]`)];
    const from = path.steps.at(-2)?.expect.value ?? path.initial.value;
    const to = path.steps.at(-1)?.expect.value ?? from;
    out.push(`  Scenario Outline: <id>: ${gherkinText(outlineTitle(path, outline))} (${from} → ${to})`);
    out.push(...renderLines([...clock, ...lines, ...outline.lines], (item) => item.values));
    const header = ['id', ...outline.columns];
    const table = outline.table.map((row, j) => [ids[j] ?? '', ...row]);
    const widths = header.map((name, k) =>
      Math.max(cell(name).length, ...table.map((row) => cell(row[k] ?? '').length)),
    );
    const tableLine = (row: string[]) =>
      `      | ${row.map((value, k) => cell(value).padEnd(widths[k] ?? 0)).join(' | ')} |`;
    out.push('', '    Examples:', tableLine(header), ...table.map(tableLine));
  }
  return `${out.join('\n')}\n`;
}

/** An outline's title: its last action with the answer as a placeholder, e.g. `sending the code fails with <code>`. */
function outlineTitle(path: LoginPath, outline: NonNullable<ReturnType<typeof outlineOf>>): string {
  const [action] = outline.lines;
  return action ? fill(action.template, action.values).replaceAll('"', '') : path.description;
}

// ------------------------------------------------------------------------------------------------
// Coverage
// ------------------------------------------------------------------------------------------------

const percent = ({ covered, total }: CoverageFigure) =>
  total === 0 ? '100%' : `${Math.floor((covered / total) * 1000) / 10}%`;

/**
 * The coverage figures as text: path and step counts, then states and transitions covered/total,
 * listing whatever no path reaches.
 */
export function formatCoverage(coverage: Coverage, counts: Record<string, number> = {}): string {
  const split = Object.entries(counts)
    .map(([name, count]) => `${name} ${count}`)
    .join(', ');
  const lines = [
    `Paths: ${coverage.paths}${split ? ` (${split})` : ''}, ${coverage.steps} steps`,
    `States: ${coverage.states.covered}/${coverage.states.total} (${percent(coverage.states)})`,
    `Transitions: ${coverage.transitions.covered}/${coverage.transitions.total} (${percent(coverage.transitions)})`,
  ];
  for (const state of coverage.states.missing) lines.push(`  not reached: state ${state}`);
  for (const transition of coverage.transitions.missing) lines.push(`  not reached: ${transition}`);
  return lines.join('\n');
}
