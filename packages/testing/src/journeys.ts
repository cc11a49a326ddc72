import type { ModelEvent } from './model.js';

/** A journey: what happens, in order; the model says what each step must lead to. */
export interface Journey {
  /** What the journey proves, for people. */
  name: string;
  /** What happens, in the model's terms (an input case, an outcome case, time passing, …). */
  events: readonly ModelEvent[];
}

const input = (id: string): ModelEvent => ({ type: 'input', case: id });
const settle = (id: string): ModelEvent => ({ type: 'settle', case: id });
const wait: ModelEvent = { type: 'advance' };
/** Half the time to the next timer: nothing may happen yet. */
const halfWait: ModelEvent = { type: 'advance', half: true };

const emptyStorage = settle('loadSession.empty');
const codeSentByPhone = [emptyStorage, input('phone'), settle('requestOtp.sent')];
const wrongCode = [input('otp.wrong'), settle('confirmOtp.invalid_otp')];
const rightCode = [input('otp.right'), settle('confirmOtp.accepted')];
const resent = [wait, input('resend'), settle('requestOtp.sent')];
/** The right code of an account that must set up its authenticator: the step shows the QR code and key. */
const toAuthenticatorSetup = [
  ...codeSentByPhone,
  input('otp.right'),
  settle('confirmOtp.authenticator-setup'),
];
const rightAuthenticatorCode = [input('authenticator.right'), settle('confirmOtp.accepted')];

/**
 * The journeys the traversal does not take on its own, because they revisit a state: repeated
 * attempts, a resend mid-login, a session's whole life. Each exposes a bug a single visit cannot
 * (a counter not reset, storage not cleared).
 */
export const journeys: readonly Journey[] = [
  {
    name: 'a wrong code twice, then the right one: attempts 1, 2, then signed in',
    events: [...codeSentByPhone, ...wrongCode, ...wrongCode, ...rightCode],
  },
  { name: 'the right code after a resend', events: [...codeSentByPhone, ...resent, ...rightCode] },
  {
    name: 'a new code may be asked for only when the cooldown ends',
    events: [...codeSentByPhone, halfWait, input('resend'), wait, input('resend'), settle('requestOtp.sent')],
  },
  {
    name: 'a new code resets the attempts and clears the old error',
    events: [...codeSentByPhone, ...wrongCode, ...resent, ...wrongCode, ...rightCode],
  },
  {
    name: 'a phone typed with separators is sent normalized',
    events: [emptyStorage, input('phone.spaced'), settle('requestOtp.sent'), ...rightCode],
  },
  {
    name: 'an email login with a wrong code first',
    events: [emptyStorage, input('email'), settle('requestOtp.sent'), ...wrongCode, ...rightCode],
  },
  {
    name: 'signing in stores the session; logging out clears it',
    events: [...codeSentByPhone, ...rightCode, input('logout')],
  },
  {
    name: 'a session lives, refreshes, and is cleared when the server refuses it',
    events: [
      ...codeSentByPhone,
      ...rightCode,
      input('refresh'),
      settle('refreshSession.refreshed'),
      input('refresh'),
      settle('refreshSession.unauthorized'),
    ],
  },
  {
    name: 'a failed automatic refresh is tried again 30 s later, not at once',
    events: [
      settle('loadSession.live'),
      wait,
      settle('refreshSession.network'),
      halfWait,
      wait,
      settle('refreshSession.refreshed'),
    ],
  },
  {
    name: 'a stored session that expired is removed from storage',
    events: [settle('loadSession.stale'), input('phone'), settle('requestOtp.sent')],
  },
  {
    name: 'a live stored session expires while the page is open and storage is cleared',
    events: [settle('loadSession.live'), wait, settle('refreshSession.network'), wait, wait],
  },
  {
    name: 'another tab logs out during a login: the login goes on',
    events: [...codeSentByPhone, { type: 'sync', case: 'logout' }, ...rightCode],
  },
  {
    name: 'a reload while the code is awaited keeps the login, and the code still works',
    events: [...codeSentByPhone, { type: 'reload' }, ...rightCode],
  },
  ...authenticatorJourneys(),
];

/** The authenticator step's journeys (issue 18): setup, a wrong app code, cancel, the code's expiry. */
function authenticatorJourneys(): Journey[] {
  return [
    {
      name: "the authenticator is set up (QR code and key), the app's right code signs in; the next login asks for the app's code alone",
      events: [
        ...toAuthenticatorSetup,
        ...rightAuthenticatorCode,
        input('logout'),
        input('phone'),
        settle('requestOtp.sent'),
        input('otp.right'),
        settle('confirmOtp.authenticator'),
        ...rightAuthenticatorCode,
      ],
    },
    {
      name: "a wrong authenticator app's code is refused and counted; the right one then signs in",
      events: [
        ...codeSentByPhone,
        input('otp.right'),
        settle('confirmOtp.authenticator'),
        input('authenticator.wrong'),
        settle('confirmOtp.invalid_authenticator_otp'),
        ...rightAuthenticatorCode,
      ],
    },
    {
      // After a wrong app code, so that an error or a count the cancel kept would show.
      name: 'cancelling the authenticator step after a wrong app code drops what it held, the error and the attempts; a new login starts clean',
      events: [
        ...toAuthenticatorSetup,
        input('authenticator.wrong'),
        settle('confirmOtp.invalid_authenticator_otp'),
        input('cancel'),
        input('phone'),
        settle('requestOtp.sent'),
      ],
    },
    {
      name: 'the code expires during the authenticator step; a new code can be asked for',
      events: [...toAuthenticatorSetup, wait, input('resend'), settle('requestOtp.sent')],
    },
  ];
}
