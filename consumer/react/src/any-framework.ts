import { connect, createLoginMachine } from '@verifik-auth/core';
import { createActor } from 'xstate';

const actor = createActor(createLoginMachine({ baseUrl: 'http://127.0.0.1:4010' })).start();
const form = document.querySelector('form')!;
actor.subscribe((snapshot) => {
  const view = connect(snapshot, actor.send, { locale: navigator.language });
  form.dataset.step = view.step; // style each step with CSS
  form.querySelector('button')!.disabled = view.busy;
  form.querySelector('[role=alert]')!.textContent = view.error?.message ?? '';
});
form.addEventListener('submit', (event) => {
  event.preventDefault();
  const data = new FormData(form),
    view = connect(actor.getSnapshot(), actor.send);
  if (view.step === 'awaitingOtp') view.submitOtp(String(data.get('otp')));
  else view.sendPhone({ countryCode: String(data.get('countryCode')), phone: String(data.get('phone')) });
});
