import { errorMessages, type LoginErrorCode, type LoginEvent } from '../../packages/core/src/index.js';
// By path, like the core and the mock server (see ../README.md).
import {
  otherTabSession,
  pathAuthenticatorSetup,
  pathError,
  pathInputs,
} from '../../packages/testing/src/cases.js';
import { parseDuration } from '../../packages/testing/src/format.js';
import type { ApiRequest, ExpectedState, PathActorName } from '../../packages/testing/src/index.js';
import { defineStep, type StepDefinition } from './gherkin.js';
import { type ScenarioBuilder, scenarioSession } from './scenario.js';

/**
 * The step definitions of `packages/testing/catalogue/login.paths.feature`: each line adds to the
 * scenario's path (a setup, an action, or part of what a step leads to). A runner compiles a whole
 * scenario before it runs it (`compileScenario`), then acts out the path line by line.
 */

const messageCodes = new Map(
  Object.entries(errorMessages.en).map(([code, message]) => [message, code as LoginErrorCode]),
);

/** `2:00` → 120. */
function countdown(text: string): number {
  const match = /^(\d+):(\d\d)$/.exec(text);
  if (!match) throw new Error(`not a countdown: "${text}"`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/** `POST /v2/projects/phone-login with {…}`, `GET /v2/auth/session?origin=refresh with "Bearer <token>"`. */
function parseRequest(text: string): ApiRequest {
  const match = /^(GET|POST) (\S+)(?: with (\{.*\}))?(?: (?:with|and) "([^"]*)")?$/.exec(text);
  if (!match) throw new Error(`not a request: "${text}"`);
  const [, method, path = '', body, authorization] = match;
  return {
    method: method as ApiRequest['method'],
    path,
    ...(body && { body: JSON.parse(body) as Record<string, string | number | boolean> }),
    ...(authorization && { authorization }),
  };
}

const calls: Record<string, PathActorName> = {
  'sending the code': 'requestOtp',
  'checking the code': 'confirmOtp',
  'refreshing the session': 'refreshSession',
  'signing out everywhere else': 'revokeOtherSessions',
};

const send = (scenario: ScenarioBuilder, event: LoginEvent, id: string, description: string) =>
  scenario.act({ case: `input.${id}`, description, action: { type: 'send', event } });

const expecting =
  (change: (expect: ExpectedState) => void) =>
  (expect: ExpectedState): void =>
    change(expect);

// ------------------------------------------------------------------------------------------------
// Setup
// ------------------------------------------------------------------------------------------------

const setup: StepDefinition[] = [
  defineStep('the clock reads {string}', (scenario, time) => {
    const at = Date.parse(time);
    if (Number.isNaN(at)) throw new Error(`not a time: "${time}"`);
    scenario.settings.startsAt = at;
    scenario.context();
  }),
  defineStep('a code lives {text}', (scenario, ttl) => {
    scenario.settings.otpTtlMs = parseDuration(ttl);
    scenario.context();
  }),
  defineStep('a new code may be asked for {text} after the last one', (scenario, cooldown) => {
    scenario.settings.resendCooldownMs = parseDuration(cooldown);
    scenario.context();
  }),
  defineStep('a session is refreshed {text} before it expires', (scenario, before) => {
    scenario.settings.autoRefreshBeforeExpiryMs = parseDuration(before);
    scenario.context();
  }),
  defineStep('a code is never stored', (scenario) => {
    scenario.settings.codesNeverStored = true;
    scenario.context();
  }),
  defineStep('no session is stored', (scenario) => {
    scenario.opening = {
      case: 'loadSession.empty',
      description: 'the storage holds no session',
      action: { type: 'settle', actor: 'loadSession', outcome: { status: 'done', output: null } },
    };
    scenario.context();
  }),
  defineStep('a session issued {text} ago that expires in {text} is stored', (scenario, issued, left) => {
    const session = scenarioSession(
      'stored',
      scenario.now - parseDuration(issued),
      scenario.now + parseDuration(left),
    );
    scenario.opening = {
      case: 'loadSession.live',
      description: 'the storage holds a live session',
      action: { type: 'settle', actor: 'loadSession', outcome: { status: 'done', output: session } },
    };
    scenario.context();
  }),
  defineStep('a session issued {text} ago that expired {text} ago is stored', (scenario, issued, ago) => {
    const session = scenarioSession(
      'stored',
      scenario.now - parseDuration(issued),
      scenario.now - parseDuration(ago),
    );
    scenario.opening = {
      case: 'loadSession.stale',
      description: 'the storage holds an expired session',
      action: { type: 'settle', actor: 'loadSession', outcome: { status: 'done', output: session } },
    };
    scenario.context();
  }),
  defineStep('reading the stored session fails', (scenario) => {
    scenario.opening = {
      case: 'loadSession.failed',
      description: 'reading the storage fails',
      action: {
        type: 'settle',
        actor: 'loadSession',
        outcome: { status: 'error', error: pathError('unknown', scenario.now) },
      },
    };
    scenario.context();
  }),
  defineStep('reading the stored session takes a while', (scenario) => {
    scenario.opening = null;
    scenario.context();
  }),
];

// ------------------------------------------------------------------------------------------------
// Actions
// ------------------------------------------------------------------------------------------------

const actions: StepDefinition[] = [
  defineStep('I open the page', (scenario) => scenario.open()),
  defineStep('I enter the phone number {string} {string}', (scenario, countryCode, phone) => {
    const known =
      countryCode === pathInputs.phone.countryCode && phone === pathInputs.phone.phone
        ? ['phone', 'enters a valid phone number']
        : countryCode === pathInputs.invalidPhone.countryCode && phone === pathInputs.invalidPhone.phone
          ? ['phone.invalid', 'enters an invalid phone number']
          : ['phone.spaced', 'enters a valid phone number with spaces and dashes'];
    send(scenario, { type: 'login.phone', countryCode, phone }, known[0] ?? '', `the user ${known[1]}`);
  }),
  defineStep('I enter the email {string}', (scenario, email) => {
    const valid = email === pathInputs.email;
    send(
      scenario,
      { type: 'login.email', email },
      valid ? 'email' : 'email.invalid',
      `the user enters ${valid ? 'a valid' : 'an invalid'} email`,
    );
  }),
  defineStep('I enter the code {string}', (scenario, otp) => {
    const [id, words] =
      otp === pathInputs.rightOtp
        ? ['otp.right', 'the right code']
        : otp === pathInputs.wrongOtp
          ? ['otp.wrong', 'a wrong code']
          : ['otp.malformed', 'a malformed code'];
    send(scenario, { type: 'otp.submit', otp }, id, `the user submits ${words}`);
  }),
  defineStep('I enter the authenticator code {string}', (scenario, authenticatorOtp) => {
    const [id, words] =
      authenticatorOtp === pathInputs.rightAuthenticatorOtp
        ? ['authenticator.right', "the authenticator app's right code"]
        : authenticatorOtp === pathInputs.wrongAuthenticatorOtp
          ? ['authenticator.wrong', "a wrong authenticator app's code"]
          : authenticatorOtp === ''
            ? ['authenticator.empty', "no authenticator app's code"]
            : ['authenticator.malformed', "a malformed authenticator app's code"];
    send(scenario, { type: 'authenticator.submit', authenticatorOtp }, id, `the user submits ${words}`);
  }),
  defineStep('I ask for a new code', (scenario) =>
    send(scenario, { type: 'otp.resend' }, 'resend', 'the user asks for a new code'),
  ),
  defineStep('I cancel', (scenario) =>
    send(scenario, { type: 'login.cancel' }, 'cancel', 'the user cancels'),
  ),
  defineStep('I refresh the session', (scenario) =>
    send(scenario, { type: 'session.refresh' }, 'refresh', 'the user refreshes the session'),
  ),
  defineStep('I log out', (scenario) =>
    send(scenario, { type: 'session.logout' }, 'logout', 'the user logs out'),
  ),
  defineStep('I sign out everywhere else', (scenario) =>
    send(scenario, { type: 'session.revokeOthers' }, 'revoke', 'the user signs out everywhere else'),
  ),
  defineStep('the page gets the event {text}', (scenario, json) => {
    const event = JSON.parse(json) as LoginEvent;
    send(scenario, event, event.type, `the page gets ${event.type}`);
  }),
  // What the server answers: the runner prepares it on the mock server before the request is made.
  defineStep('the code is sent', (scenario) =>
    scenario.act({
      case: 'requestOtp.sent',
      description: 'the code is sent',
      action: { type: 'settle', actor: 'requestOtp', outcome: { status: 'done', output: null } },
    }),
  ),
  defineStep('the code is accepted', (scenario) =>
    scenario.act({
      case: 'confirmOtp.accepted',
      description: 'the code is accepted',
      action: { type: 'settle', actor: 'confirmOtp', outcome: { status: 'done', output: null } },
    }),
  ),
  // The runner turns these into the mock server's 200 that asks for the authenticator (`faultFor`).
  defineStep('the code is right and the authenticator must be set up', (scenario) =>
    scenario.act({
      case: 'confirmOtp.authenticator-setup',
      description: 'the code is right and the authenticator must be set up (QR code and key)',
      action: {
        type: 'settle',
        actor: 'confirmOtp',
        outcome: { status: 'done', output: { authenticatorRequired: true, ...pathAuthenticatorSetup } },
      },
    }),
  ),
  defineStep("the code is right and the authenticator app's code is needed", (scenario) =>
    scenario.act({
      case: 'confirmOtp.authenticator',
      description: "the code is right and the authenticator app's code is needed",
      action: {
        type: 'settle',
        actor: 'confirmOtp',
        outcome: { status: 'done', output: { authenticatorRequired: true } },
      },
    }),
  ),
  defineStep('the session is refreshed', (scenario) =>
    scenario.act({
      case: 'refreshSession.refreshed',
      description: 'the session is refreshed',
      action: { type: 'settle', actor: 'refreshSession', outcome: { status: 'done', output: null } },
    }),
  ),
  defineStep('the other sessions are signed out', (scenario) =>
    scenario.act({
      case: 'revokeOtherSessions.revoked',
      description: 'the other sessions are signed out and this one renewed',
      action: { type: 'settle', actor: 'revokeOtherSessions', outcome: { status: 'done', output: null } },
    }),
  ),
  defineStep('{text} fails with {string}', (scenario, doing, code) => {
    const actor = calls[doing];
    if (!actor) throw new Error(`no call is "${doing}": use ${Object.keys(calls).join(', ')}`);
    scenario.act({
      case: `${actor}.${code}`,
      description: `${doing} fails with ${code}`,
      action: {
        type: 'settle',
        actor,
        outcome: { status: 'error', error: pathError(code as LoginErrorCode, scenario.now) },
      },
    });
  }),
  ...['{text} pass', '{text} passes'].map((expression) =>
    defineStep(expression, (scenario, duration) => {
      const ms = parseDuration(duration);
      scenario.act({ case: 'advance', description: `${duration} pass`, action: { type: 'advance', ms } });
    }),
  ),
  // Half the time to the next timer: nothing may happen yet.
  ...['{text} pass, before anything is due', '{text} passes, before anything is due'].map((expression) =>
    defineStep(expression, (scenario, duration) => {
      const ms = parseDuration(duration);
      scenario.act({
        case: 'advance.half',
        description: `${duration} pass (no timer fires)`,
        action: { type: 'advance', ms },
      });
    }),
  ),
  defineStep('the device clock goes {text} {text}', (scenario, direction, duration) => {
    if (direction !== 'back' && direction !== 'forward')
      throw new Error(`the clock goes back or forward, not ${direction}`);
    const ms = parseDuration(duration) * (direction === 'back' ? -1 : 1);
    scenario.act({
      case: direction === 'back' ? 'clock.back' : 'clock.forward',
      description: `the device clock goes ${direction} ${duration}`,
      action: { type: 'adjustClock', ms },
    });
  }),
  defineStep('the page reloads', (scenario) =>
    scenario.act({ case: 'reload', description: 'the page reloads', action: { type: 'reload' } }),
  ),
  defineStep('another tab logs in', (scenario) =>
    scenario.act({
      case: 'sync.login',
      description: 'another tab logs in',
      action: { type: 'syncStorage', session: otherTabSession(scenario.serverNow) },
    }),
  ),
  defineStep('another tab logs out', (scenario) =>
    scenario.act({
      case: 'sync.logout',
      description: 'another tab logs out',
      action: { type: 'syncStorage', session: null },
    }),
  ),
];

// ------------------------------------------------------------------------------------------------
// Checks: what a step leads to; what they do not say is not there (see the feature's description)
// ------------------------------------------------------------------------------------------------

const checks: StepDefinition[] = [
  defineStep('I see the {string} step', (scenario, step) =>
    scenario.check(
      ['step', 'value'],
      expecting((expect) => {
        expect.step = step as ExpectedState['step'];
        expect.value = step;
      }),
    ),
  ),
  defineStep('I see the {string} step in state {string}', (scenario, step, value) =>
    scenario.check(
      ['step', 'value'],
      expecting((expect) => {
        expect.step = step as ExpectedState['step'];
        expect.value = value;
      }),
    ),
  ),
  ...(
    [
      ['I am asked to set up the authenticator with a QR code and a key', true, true],
      ['I am asked to set up the authenticator with a QR code alone', true, false],
      ['I am asked to set up the authenticator with a key alone', false, true],
      ["I am asked for the authenticator app's code", false, false],
    ] as const
  ).map(([expression, qrCode, secretKey]) =>
    defineStep(expression, (scenario) =>
      scenario.check(
        ['authenticator'],
        expecting((expect) => {
          expect.authenticator = { qrCode, secretKey };
        }),
      ),
    ),
  ),
  defineStep('the page is busy', (scenario) =>
    scenario.check(
      ['busy'],
      expecting((expect) => {
        expect.busy = true;
      }),
    ),
  ),
  defineStep('the code step stays while a new code is sent', (scenario) =>
    scenario.check(
      ['resending'],
      expecting((expect) => {
        expect.resending = true;
      }),
    ),
  ),
  defineStep('I see {string}', (scenario, message) => {
    const code = messageCodes.get(message);
    if (!code) throw new Error(`no error reads "${message}"`);
    scenario.check(
      ['error', 'errorMessage'],
      expecting((expect) => {
        expect.error = code;
        expect.errorMessage = message;
      }),
    );
  }),
  defineStep('I see the error {string}', (scenario, code) =>
    scenario.check(
      ['error', 'errorMessage'],
      expecting((expect) => {
        expect.error = code as LoginErrorCode;
      }),
    ),
  ),
  ...['the field {string} is marked invalid', 'the fields {string} are marked invalid'].map((expression) =>
    defineStep(expression, (scenario, fields) =>
      scenario.check(
        ['fieldErrors'],
        expecting((expect) => {
          expect.fieldErrors = fields.split(', ').sort() as ExpectedState['fieldErrors'];
        }),
      ),
    ),
  ),
  ...['I see {int} wrong attempt', 'I see {int} wrong attempts'].map((expression) =>
    defineStep(expression, (scenario, attempts) =>
      scenario.check(
        ['attempts'],
        expecting((expect) => {
          expect.attempts = Number(attempts);
        }),
      ),
    ),
  ),
  defineStep('the login is for {string}', (scenario, identifier) =>
    scenario.check(
      ['maskedIdentifier'],
      expecting((expect) => {
        expect.maskedIdentifier = identifier;
      }),
    ),
  ),
  defineStep('I can ask for a new code', (scenario) =>
    scenario.check(
      ['canResend', 'resendInSeconds'],
      expecting((expect) => {
        expect.canResend = true;
      }),
    ),
  ),
  defineStep('I can ask for a new code in {text}', (scenario, time) =>
    scenario.check(
      ['canResend', 'resendInSeconds'],
      expecting((expect) => {
        expect.resendInSeconds = countdown(time);
      }),
    ),
  ),
  defineStep('the code expires in {text}', (scenario, time) =>
    scenario.check(
      ['otpExpiresInSeconds'],
      expecting((expect) => {
        expect.otpExpiresInSeconds = countdown(time);
      }),
    ),
  ),
  defineStep('I see that the code has expired', (scenario) =>
    scenario.check(
      ['expiredReason'],
      expecting((expect) => {
        expect.expiredReason = 'otp';
      }),
    ),
  ),
  defineStep('I see that the session has expired', (scenario) =>
    scenario.check(
      ['expiredReason'],
      expecting((expect) => {
        expect.expiredReason = 'session';
      }),
    ),
  ),
  defineStep('I see that the session was ended elsewhere', (scenario) =>
    scenario.check(
      ['expiredReason'],
      expecting((expect) => {
        expect.expiredReason = 'revoked';
      }),
    ),
  ),
  defineStep('I am signed in', (scenario) =>
    scenario.check(
      ['signedIn'],
      expecting((expect) => {
        expect.signedIn = true;
      }),
    ),
  ),
  defineStep('the API received {text}', (scenario, text) => {
    const request = parseRequest(text);
    scenario.check(
      ['requests', 'server'],
      (_expect, effects) => {
        if (!effects) throw new Error('no request can be checked before the page opens');
        effects.requests.push(request);
      },
      request,
    );
  }),
  defineStep('the page abandons {text}', (scenario, request) =>
    scenario.check(['aborted'], (_expect, effects) => {
      if (!effects) throw new Error('no request can be abandoned before the page opens');
      effects.aborted.push(request);
    }),
  ),
  ...(
    [
      ['the session is saved', 'save', 'session'],
      ['the stored session is removed', 'clear', 'nothing'],
    ] as const
  ).map(([expression, write, stored]) =>
    defineStep(expression, (scenario) =>
      scenario.check(['storageWrites'], (_expect, effects) => {
        if (!effects) throw new Error('no storage write before the page opens');
        effects.storageWrites.push(write);
        effects.stored = stored;
      }),
    ),
  ),
  ...(
    [
      ['a session is stored', 'session'],
      ['nothing is stored', 'nothing'],
    ] as const
  ).map(([expression, stored]) =>
    defineStep(expression, (scenario) =>
      scenario.check(['stored'], (_expect, effects) => {
        if (!effects) throw new Error('no storage check before the page opens');
        effects.stored = stored;
      }),
    ),
  ),
];

/** Every step definition of the login paths feature. */
export const loginSteps: readonly StepDefinition[] = [...setup, ...actions, ...checks];
