/**
 * One login flow, the same for the core's machine and the baseline: create and start the actor, wait
 * for `idle` (restoring is asynchronous), send `login.phone`, wait for `awaitingOtp`, send `otp.submit`,
 * wait for `authenticated`, stop.
 */
import { requireFromCore } from './workspace.js';

type XState = typeof import('../../packages/core/node_modules/xstate/dist/xstate.cjs.js');
const { createActor } = requireFromCore('xstate') as XState;

/** Any machine that takes the two events below and has the core's top-level states. */
export type FlowMachine = Parameters<typeof createActor>[0];
type FlowActor = ReturnType<typeof createActor>;

const phoneEvent = { type: 'login.phone', countryCode: '+1', phone: '1234566663' } as const;
const otpEvent = { type: 'otp.submit', otp: '123456' } as const;

const topLevel = (value: unknown) =>
  typeof value === 'string' ? value : Object.keys(value as Record<string, unknown>)[0];

/** Resolves when the actor's top-level state is `step`; rejects if the actor fails or finishes first. */
function until(actor: FlowActor, step: string): Promise<void> {
  const now = actor.getSnapshot();
  if (topLevel(now.value) === step) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const subscription = actor.subscribe({
      next: (snapshot) => {
        if (topLevel(snapshot.value) === step) {
          subscription.unsubscribe();
          resolve();
        } else if (snapshot.status !== 'active') {
          subscription.unsubscribe();
          reject(new Error(`actor ${snapshot.status} in ${topLevel(snapshot.value)}, waiting for ${step}`));
        }
      },
      error: reject,
    });
  });
}

export async function runFlow(machine: FlowMachine): Promise<void> {
  const actor = createActor(machine).start();
  await until(actor, 'idle');
  actor.send(phoneEvent);
  await until(actor, 'awaitingOtp');
  actor.send(otpEvent);
  await until(actor, 'authenticated');
  actor.stop();
}

/** One flow under a deadline, so that a machine that stays put (e.g. refuses the input) fails loudly. */
export async function checkFlow(name: string, machine: FlowMachine, timeoutMs = 2_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${name}: one flow did not reach authenticated`)), timeoutMs);
  });
  try {
    await Promise.race([runFlow(machine), deadline]);
  } finally {
    clearTimeout(timer);
  }
}
