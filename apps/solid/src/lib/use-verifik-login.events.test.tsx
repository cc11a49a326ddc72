// Issue 17, item 8: whatever UI code hands the hook's commands, the actor never ends in status `error`.
import { renderHook, waitFor } from '@solidjs/testing-library';
import { createLoginMachine } from '@verifik-auth/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createActor, SimulatedClock } from 'xstate';
import {
  callCommand,
  commandCall,
  errorsOf,
  heldClient,
  malformedCommands,
  reach,
  startSteps,
} from '../../../../packages/core/src/hostile-inputs.js';
import { mockUrl } from '../test/mock.js';
import { useVerifikLogin } from './use-verifik-login.js';

describe('useVerifikLogin › commands given malformed input', () => {
  it.each(malformedCommands)(
    '%s: nothing thrown, the actor stays active and shows field errors',
    async (_, command) => {
      const actor = createActor(createLoginMachine({ baseUrl: mockUrl() }));
      const errors = errorsOf(actor);
      const { result, cleanup } = renderHook(() => useVerifikLogin({ actor }));
      await waitFor(() => expect(result.step).toBe('idle'));
      let thrown: unknown;
      try {
        command(result);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeUndefined();
      expect(actor.getSnapshot().status).toBe('active');
      expect(errors).toEqual([]);
      expect(result.step).toBe('idle');
      expect(Object.keys(result.fieldErrors).length).toBeGreaterThan(0);
      cleanup();
      actor.stop();
    },
  );

  it('never puts the actor in status error, whatever its commands are given in whatever step', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...startSteps),
        fc.array(fc.tuple(commandCall, fc.boolean()), { minLength: 1, maxLength: 12 }),
        async (start, calls) => {
          const clock = new SimulatedClock();
          clock.set(Date.UTC(2025, 0, 1));
          const now = () => clock.now();
          const { client, settle } = heldClient(now);
          const actor = createActor(createLoginMachine({ client, now, resendCooldownMs: 0 }), { clock });
          const errors = errorsOf(actor);
          const { result, cleanup } = renderHook(() => useVerifikLogin({ actor }));
          try {
            await settle();
            const advance = (ms: number) => clock.increment(ms);
            await reach(result, start, { settle, advance });
            for (const [call, wait] of calls) {
              callCommand(result, call);
              if (wait) await settle();
              expect(errors).toEqual([]);
              expect(actor.getSnapshot().status).toBe('active');
            }
          } finally {
            cleanup();
            actor.stop();
          }
        },
      ),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 200) },
    );
  }, 120_000);
});
