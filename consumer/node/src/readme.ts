import { connect, createLoginMachine, formatCountdown } from '@verifik-auth/core';
import { createActor } from 'xstate';

const actor = createActor(createLoginMachine({ baseUrl: 'http://127.0.0.1:4010' })).start();

actor.subscribe((snapshot) => {
  const view = connect(snapshot, actor.send, { locale: 'en' });
  if (view.error) console.error(view.error.message); // localized, e.g. "That code is not right…"
  if (view.step === 'awaitingOtp') {
    console.log(
      `Code sent to ${view.maskedIdentifier} by ${view.gateway}`,
      `valid for ${formatCountdown(view.otpExpiresAt! - Date.now())}`,
    );
  }
  // The token is a 30-day key to a paid API: keep it out of logs.
  if (view.step === 'authenticated') console.log('signed in until', new Date(view.session!.expiresAt));
});

connect(actor.getSnapshot(), actor.send).sendPhone({ countryCode: '+1', phone: '1234566663' });
// later, with the code the user typed:
connect(actor.getSnapshot(), actor.send).submitOtp('123456');
