/**
 * The yardstick: the same flow written directly in XState, with the core's top-level states and
 * immediately resolving promise actors, but no validation, timers, storage or error mapping.
 */
import type { OtpChallenge, Session } from '../../packages/core/src/index.js';
import { stubClient } from './stub-client.js';
import { requireFromCore } from './workspace.js';

type XState = typeof import('../../packages/core/node_modules/xstate/dist/xstate.cjs.js');
const { assign, fromPromise, setup } = requireFromCore('xstate') as XState;

interface BaselineContext {
  countryCode: string | null;
  phone: string | null;
  challenge: OtpChallenge | null;
  session: Session | null;
}

type BaselineEvent =
  | { type: 'login.phone'; countryCode: string; phone: string }
  | { type: 'otp.submit'; otp: string };

export const baselineMachine = setup({
  types: { context: {} as BaselineContext, events: {} as BaselineEvent },
  actors: {
    loadSession: fromPromise<Session | null>(async () => null),
    // The same in-process answers as the core gets, so only the machines differ.
    requestOtp: fromPromise<OtpChallenge, { countryCode: string; phone: string }>(({ input }) =>
      stubClient.requestPhoneOtp(input),
    ),
    // The stub never asks for an authenticator: its answer is always a session.
    confirmOtp: fromPromise<Session, { countryCode: string; phone: string; otp: string }>(
      ({ input }) => stubClient.confirmPhoneOtp(input) as Promise<Session>,
    ),
  },
}).createMachine({
  id: 'baseline',
  context: { countryCode: null, phone: null, challenge: null, session: null },
  initial: 'restoring',
  states: {
    restoring: {
      invoke: {
        src: 'loadSession',
        onDone: [
          { guard: ({ event }) => event.output === null, target: 'idle' },
          { target: 'authenticated', actions: assign({ session: ({ event }) => event.output }) },
        ],
        onError: 'idle',
      },
    },
    idle: {
      on: {
        'login.phone': {
          target: 'sending',
          actions: assign(({ event }) => ({ countryCode: event.countryCode, phone: event.phone })),
        },
      },
    },
    sending: {
      invoke: {
        src: 'requestOtp',
        input: ({ context }) => ({ countryCode: context.countryCode ?? '', phone: context.phone ?? '' }),
        onDone: { target: 'awaitingOtp', actions: assign({ challenge: ({ event }) => event.output }) },
        onError: 'idle',
      },
    },
    awaitingOtp: {
      on: { 'otp.submit': 'confirming' },
    },
    confirming: {
      invoke: {
        src: 'confirmOtp',
        input: ({ context, event }) => ({
          countryCode: context.countryCode ?? '',
          phone: context.phone ?? '',
          otp: event.type === 'otp.submit' ? event.otp : '',
        }),
        onDone: { target: 'authenticated', actions: assign({ session: ({ event }) => event.output }) },
        onError: 'awaitingOtp',
      },
    },
    authenticated: {},
    expired: {},
  },
});
