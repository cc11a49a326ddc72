// Issue 17, item 8 as a property: whatever UI code hands connect()'s commands, and whatever value is
// checked with toLoginEvent() before a send, in whatever step of the login, the actor never ends in
// status `error`. The client answers when the run says (no I/O), so 200 runs take seconds.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createActor, SimulatedClock } from 'xstate';
import { connect, type LoginSnapshot } from './connect.js';
import {
  build,
  type CommandCall,
  callCommand,
  commandCall,
  heldClient,
  hostileRecipe,
  type Recipe,
  reach,
  type StartStep,
  startSteps,
} from './hostile-inputs.js';
import { createLoginMachine } from './login.machine.js';
import { toLoginEvent } from './login-event.js';

type Step =
  | { kind: 'command'; call: CommandCall; wait: boolean }
  | { kind: 'event'; recipe: Recipe; wait: boolean }
  | { kind: 'advance'; ms: number };

const minute = 60_000;

/** The state each start step stands for. */
const stateOf: Record<StartStep, Parameters<LoginSnapshot['matches']>[0]> = {
  idle: 'idle',
  sending: 'sending',
  awaitingOtp: 'awaitingOtp',
  confirming: 'confirming',
  authenticated: { authenticated: 'active' },
  refreshing: { authenticated: 'refreshing' },
  'expired.otp': 'expired',
  'expired.session': 'expired',
};

/**
 * Calls and sends, each followed or not by a wait for the answers (so that some land in the busy
 * steps), and time passing.
 */
const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .tuple(commandCall, fc.boolean())
      .map(([call, wait]): Step => ({ kind: 'command', call, wait })),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(hostileRecipe, fc.boolean())
      .map(([recipe, wait]): Step => ({ kind: 'event', recipe, wait })),
  },
  // Past a code's 10 minutes, past a session's 30 days: the expired steps.
  {
    weight: 1,
    arbitrary: fc
      .constantFrom(11 * minute, 31 * 24 * 60 * minute)
      .map((ms): Step => ({ kind: 'advance', ms })),
  },
);

describe("connect()'s commands and toLoginEvent() under arbitrary values", () => {
  it('never put the actor in status error, whatever they are given in whatever step', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...startSteps),
        fc.array(step, { minLength: 1, maxLength: 16 }),
        async (start, steps) => {
          const clock = new SimulatedClock();
          clock.set(Date.UTC(2025, 0, 1));
          const now = () => clock.now();
          const { client, settle } = heldClient(now);
          const machine = createLoginMachine({ client, now, resendCooldownMs: 0 });
          const actor = createActor(machine, { clock });
          const errors: unknown[] = [];
          actor.subscribe({ error: (error) => errors.push(error) });
          actor.start();
          await settle();
          const advance = (ms: number) => clock.increment(ms);
          await reach(connect(actor.getSnapshot(), actor.send), start, { settle, advance });
          expect(actor.getSnapshot().matches(stateOf[start])).toBe(true);
          try {
            for (const next of steps) {
              if (next.kind === 'advance') advance(next.ms);
              else if (next.kind === 'command')
                callCommand(connect(actor.getSnapshot(), actor.send), next.call);
              else {
                const event = toLoginEvent(build(next.recipe));
                if (event) actor.send(event);
              }
              if (next.kind === 'advance' || next.wait) await settle();
              expect(errors).toEqual([]);
              expect(actor.getSnapshot().status).toBe('active');
            }
          } finally {
            actor.stop();
          }
        },
      ),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 200) },
    );
  }, 60_000);
});
