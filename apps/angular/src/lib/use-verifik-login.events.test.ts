// Issue 17, item 8: whatever UI code hands the login's commands, the actor never ends in status `error`.
import { createEnvironmentInjector, runInInjectionContext } from '@angular/core';
import { waitFor } from '@testing-library/dom';
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
import { runInApp } from '../test/mount.js';
import { useVerifikLogin } from './use-verifik-login.js';

describe('useVerifikLogin › commands given malformed input', () => {
  it.each(malformedCommands)(
    '%s: nothing thrown, the actor stays active and shows field errors',
    async (_, command) => {
      const actor = createActor(createLoginMachine({ baseUrl: mockUrl() }));
      const errors = errorsOf(actor);
      const { result } = await runInApp(() => useVerifikLogin({ actor }));
      await waitFor(() => expect(result.step()).toBe('idle'));
      expect(() => command(result)).not.toThrow();
      expect(actor.getSnapshot().status).toBe('active');
      expect(errors).toEqual([]);
      expect(result.step()).toBe('idle');
      expect(Object.keys(result.fieldErrors()).length).toBeGreaterThan(0);
      actor.stop();
    },
  );

  it('never puts the actor in status error, whatever its commands are given in whatever step', async () => {
    // One application; each run binds its actor in an injection context of its own.
    const { app } = await runInApp(() => null);
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
          const injector = createEnvironmentInjector([], app.injector);
          const login = runInInjectionContext(injector, () => useVerifikLogin({ actor }));
          app.tick();
          try {
            await settle();
            // Started after the tick's render hooks, and followed: the view left its first snapshot.
            expect(login.step()).not.toBe('restoring');
            const advance = (ms: number) => clock.increment(ms);
            await reach(login, start, { settle, advance });
            for (const [call, wait] of calls) {
              callCommand(login, call);
              if (wait) await settle();
              expect(errors).toEqual([]);
              expect(actor.getSnapshot().status).toBe('active');
            }
          } finally {
            injector.destroy();
            actor.stop();
          }
        },
      ),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 200) },
    );
  }, 120_000);
});
