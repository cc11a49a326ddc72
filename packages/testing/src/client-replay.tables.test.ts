import { describe, expect, it } from 'vitest';
import { callsAllowedBy, realizeOutcome } from './client-replay.js';
import type { PathStep } from './path.types.js';

// A step the tables do not know must stop the replay and say what to add, never pass unchecked.
describe('the client replay tables', () => {
  it('refuse an event they have no entry for, naming the table', () => {
    const step = { action: { type: 'send', event: { type: 'session.transfer' } } } as unknown as PathStep;
    expect(() => callsAllowedBy(step)).toThrow(
      /no entry for the event "session.transfer".*clientReplayEvents/,
    );
  });

  it('refuse a step kind they have no rule for', () => {
    const step = { action: { type: 'revokeElsewhere' } } as unknown as PathStep;
    expect(() => callsAllowedBy(step)).toThrow(/no rule for the step kind "revokeElsewhere"/);
  });

  it('refuse an outcome code they have no entry for, naming the table', () => {
    const outcome = { status: 'error', error: { code: 'session_revoked' } } as never;
    expect(() => realizeOutcome('refreshSession', outcome, {})).toThrow(
      /"session_revoked".*clientReplayOutcomes/,
    );
  });

  it("act out a send's invalid_response as the lowest redirect status", () => {
    const outcome = { status: 'error', error: { code: 'invalid_response', retryable: true } } as const;
    expect(realizeOutcome('requestOtp', outcome, {})).toMatchObject({ status: 300 });
    expect(realizeOutcome('confirmOtp', outcome, {})).toMatchObject({ malformed: true });
  });
});
