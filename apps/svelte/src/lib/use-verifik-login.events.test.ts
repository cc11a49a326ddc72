// Issue 17, item 8: whatever UI code hands the composable's commands, the actor never ends in status
// `error`.
import { waitFor } from '@testing-library/svelte';
import { createLoginMachine } from '@verifik-auth/core';
import fc from 'fast-check';
import { tick } from 'svelte';
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
import { mockUrl } from '../test/helpers.js';
import { mountLogin } from '../test/mount.js';

describe('useVerifikLogin › commands given malformed input', () => {
  it.each(malformedCommands)(
    '%s: nothing thrown, the actor stays active and shows field errors',
    async (_, command) => {
      const actor = createActor(createLoginMachine({ baseUrl: mockUrl() }));
      const errors = errorsOf(actor);
      const { login, unmount } = mountLogin({ actor });
      await waitFor(() => expect(login.step).toBe('idle'));
      expect(() => command(login)).not.toThrow();
      expect(actor.getSnapshot().status).toBe('active');
      expect(errors).toEqual([]);
      expect(login.step).toBe('idle');
      expect(Object.keys(login.fieldErrors).length).toBeGreaterThan(0);
      unmount();
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
          const { login, unmount } = mountLogin({ actor });
          try {
            await settle();
            const advance = (ms: number) => clock.increment(ms);
            await reach(login, start, { settle, advance });
            for (const [call, wait] of calls) {
              callCommand(login, call);
              await (wait ? settle() : tick());
              expect(errors).toEqual([]);
              expect(actor.getSnapshot().status).toBe('active');
            }
          } finally {
            unmount();
            actor.stop();
          }
        },
      ),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 200) },
    );
  }, 120_000);
});
