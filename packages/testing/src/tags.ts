import type { LoginPath } from './path.types.js';
import { pathRequirements } from './run-path.js';

/** Which requirement a step touches, by its case or the transitions it takes. */
const stepTags: Array<[string, (step: LoginPath['steps'][number]) => boolean]> = [
  ['phone', (step) => step.case.startsWith('input.phone')],
  ['email', (step) => step.case.startsWith('input.email')],
  ['code', (step) => step.case.startsWith('input.otp') || step.case.startsWith('confirmOtp.')],
  [
    'authenticator',
    (step) => step.case.startsWith('input.authenticator') || step.expect.step === 'awaitingAuthenticator',
  ],
  ['resend', (step) => step.case === 'input.resend'],
  ['cancel', (step) => step.case === 'input.cancel'],
  ['expiry', (step) => step.transitions.some((id) => /after (otpExpiry|sessionExpiry)/.test(id))],
  [
    'cooldown',
    (step) => step.transitions.some((id) => /resendCooldown|awaitingOtp\.cooldown: always/.test(id)),
  ],
  ['refresh', (step) => step.case.startsWith('refreshSession.') || step.case === 'input.refresh'],
  ['logout', (step) => step.case === 'input.logout'],
  ['revoke', (step) => step.case.startsWith('revokeOtherSessions.') || step.case === 'input.revoke'],
  ['two-tabs', (step) => step.case.startsWith('sync.')],
  ['reload', (step) => step.case === 'reload'],
  ['clock', (step) => step.case === 'clock.back'],
  ['stored-session', (step) => step.case.startsWith('loadSession.') && step.case !== 'loadSession.empty'],
  ['server-error', (step) => step.action.type === 'settle' && step.action.outcome.status === 'error'],
  ['signed-in', (step) => step.expect.signedIn],
];

/**
 * The requirements a path covers, as Gherkin tags (without `@`), sorted: what the steps touch, plus
 * `page-cannot-drive` for a path no page can act out (input before the stored session is read, a
 * storage read that fails).
 */
export function pathTags(path: LoginPath): string[] {
  const tags = new Set<string>();
  for (const [tag, applies] of stepTags) if (path.steps.some(applies)) tags.add(tag);
  const needs = pathRequirements(path);
  if (needs.has('input-while-restoring') || needs.has('storage-failure')) tags.add('page-cannot-drive');
  return [...tags].sort();
}
