import { stdin, stdout } from 'node:process';
import { createInterface } from 'node:readline/promises';
import { connect, createLoginMachine, formatCountdown, type LoginStep } from '@verifik-auth/core';
import { createActor, waitFor } from 'xstate';

const baseUrl = process.env.VERIFIK_API ?? 'http://127.0.0.1:4010'; // the mock; Verifik's API by default
const actor = createActor(createLoginMachine({ baseUrl })).start();
const view = () => connect(actor.getSnapshot(), actor.send, { locale: 'en' });
/** Waits until the login shows one of `steps` (events sent before then are ignored). */
const until = (...steps: LoginStep[]) =>
  waitFor(actor, (snapshot) => steps.includes(connect(snapshot, actor.send).step));

await until('idle');
view().sendPhone({ countryCode: '+1', phone: '1234566663' });
await until('awaitingOtp', 'idle');
if (view().step === 'awaitingOtp') {
  const { maskedIdentifier, gateway, otpExpiresAt } = view();
  console.log(
    `Code sent to ${maskedIdentifier} by ${gateway}, valid for ${formatCountdown(otpExpiresAt! - Date.now())}`,
  );
  const terminal = createInterface({ input: stdin, output: stdout });
  view().submitOtp((await terminal.question('Code: ')).trim());
  terminal.close();
  await until('authenticated', 'awaitingOtp', 'expired');
}
const { step, session, error } = view();
// The token is a 30-day key to a paid API: keep it out of logs.
if (step === 'authenticated') console.log('Signed in until', new Date(session!.expiresAt).toISOString());
else console.error(error?.message ?? `Stopped at ${step}`); // localized, e.g. "That code is not right…"
process.exitCode = step === 'authenticated' ? 0 : 1;
actor.stop(); // its timers (code expiry, refresh) would keep the process running
