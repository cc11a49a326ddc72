import type { PhoneGateway } from '@verifik-auth/core';
import { createSignal, For, Show, untrack } from 'solid-js';
import { useVerifikLoginContext } from '../index.js';
import { useDemo } from './demo-context.js';
import { Field } from './Field.js';

type Method = 'phone' | 'email';

/** Steps `idle` and `sending` (and an expired session): who to send the code to. */
export function IdentifierForm() {
  const demo = useDemo();
  const login = useVerifikLoginContext();
  // "Change number" comes back here with what was sent last: read once, when the form appears.
  const identifier = untrack(() => login.identifier);
  const sentPhone = identifier?.method === 'phone' ? identifier : null;
  const [method, setMethod] = createSignal<Method>(identifier?.method ?? 'phone');
  const [countryCode, setCountryCode] = createSignal(sentPhone?.countryCode ?? '+1');
  const [phone, setPhone] = createSignal(sentPhone?.phone ?? '');
  const [gateway, setGateway] = createSignal<PhoneGateway>(sentPhone?.gateway || 'whatsapp');
  const [email, setEmail] = createSignal(identifier?.method === 'email' ? identifier.email : '');

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    if (method() === 'phone') {
      login.sendPhone({
        countryCode: countryCode(),
        phone: phone(),
        gateway: gateway(),
        language: demo.locale,
      });
    } else login.sendEmail({ email: email(), language: demo.locale });
  };

  return (
    <form class="stack" onSubmit={submit} novalidate aria-busy={login.busy}>
      <p class="subtitle">{demo.labels.subtitle}</p>
      <fieldset class="segmented" aria-labelledby="login-title">
        <For each={['phone', 'email'] as const}>
          {(option) => (
            <label>
              <input
                type="radio"
                name="method"
                value={option}
                checked={method() === option}
                onChange={() => setMethod(option)}
              />
              <span>{option === 'phone' ? demo.labels.methodPhone : demo.labels.methodEmail}</span>
            </label>
          )}
        </For>
      </fieldset>

      <Show
        when={method() === 'phone'}
        fallback={
          <Field
            id="email"
            label={demo.labels.email}
            type="email"
            autocomplete="email"
            focusOnMount
            value={email()}
            onInput={(event) => setEmail(event.currentTarget.value)}
            error={login.fieldErrors.email}
          />
        }
      >
        <div class="phone-row">
          <Field
            id="country-code"
            class="country-code"
            label={demo.labels.countryCode}
            type="text"
            inputmode="tel"
            autocomplete="tel-country-code"
            value={countryCode()}
            onInput={(event) => setCountryCode(event.currentTarget.value)}
            error={login.fieldErrors.countryCode}
          />
          <Field
            id="phone"
            label={demo.labels.phoneNumber}
            type="tel"
            inputmode="tel"
            autocomplete="tel-national"
            focusOnMount={identifier !== null}
            value={phone()}
            onInput={(event) => setPhone(event.currentTarget.value)}
            error={login.fieldErrors.phone}
          />
        </div>
        <fieldset class="choices">
          <legend>{demo.labels.gateway}</legend>
          <For each={['whatsapp', 'sms'] as const}>
            {(option) => (
              <label>
                <input
                  type="radio"
                  name="gateway"
                  value={option}
                  checked={gateway() === option}
                  onChange={() => setGateway(option)}
                />
                <span>{option === 'whatsapp' ? demo.labels.gatewayWhatsapp : demo.labels.gatewaySms}</span>
              </label>
            )}
          </For>
        </fieldset>
      </Show>

      <button type="submit" class="primary" disabled={login.busy} aria-label={demo.labels.sendCode}>
        {login.busy ? demo.labels.sending : demo.labels.sendCode}
      </button>
    </form>
  );
}
