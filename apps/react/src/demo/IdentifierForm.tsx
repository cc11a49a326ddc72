import type { LoginView, PhoneGateway } from '@verifik-auth/core';
import { type FormEvent, useState } from 'react';
import { useVerifikLoginSelector } from '../index.js';
import { useDemo } from './demo-context.js';
import { Field } from './Field.js';

type Method = 'phone' | 'email';

const pick = ({ busy, identifier, fieldErrors, sendPhone, sendEmail }: LoginView) => ({
  busy,
  identifier,
  fieldErrors,
  sendPhone,
  sendEmail,
});

/** Steps `idle` and `sending` (and an expired session): who to send the code to. */
export function IdentifierForm() {
  const { labels, locale } = useDemo();
  const { busy, identifier, fieldErrors, sendPhone, sendEmail } = useVerifikLoginSelector(pick);
  // "Change number" comes back here with what was sent last.
  const [method, setMethod] = useState<Method>(identifier?.method ?? 'phone');
  const [countryCode, setCountryCode] = useState(
    identifier?.method === 'phone' ? identifier.countryCode : '+1',
  );
  const [phone, setPhone] = useState(identifier?.method === 'phone' ? identifier.phone : '');
  const [gateway, setGateway] = useState<PhoneGateway>(
    (identifier?.method === 'phone' && identifier.gateway) || 'whatsapp',
  );
  const [email, setEmail] = useState(identifier?.method === 'email' ? identifier.email : '');
  const returning = identifier !== null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (method === 'phone') sendPhone({ countryCode, phone, gateway, language: locale });
    else sendEmail({ email, language: locale });
  };

  return (
    <form className="stack" onSubmit={submit} noValidate aria-busy={busy}>
      <p className="subtitle">{labels.subtitle}</p>
      <fieldset className="segmented" aria-labelledby="login-title">
        {(['phone', 'email'] as const).map((option) => (
          <label key={option}>
            <input
              type="radio"
              name="method"
              value={option}
              checked={method === option}
              onChange={() => setMethod(option)}
            />
            <span>{option === 'phone' ? labels.methodPhone : labels.methodEmail}</span>
          </label>
        ))}
      </fieldset>

      {method === 'phone' ? (
        <>
          <div className="phone-row">
            <Field
              id="country-code"
              className="country-code"
              label={labels.countryCode}
              type="text"
              inputMode="tel"
              autoComplete="tel-country-code"
              value={countryCode}
              onChange={(event) => setCountryCode(event.target.value)}
              error={fieldErrors.countryCode}
            />
            <Field
              id="phone"
              label={labels.phoneNumber}
              type="tel"
              inputMode="tel"
              autoComplete="tel-national"
              autoFocus={returning}
              value={phone}
              onChange={(event) => setPhone(event.target.value)}
              error={fieldErrors.phone}
            />
          </div>
          <fieldset className="choices">
            <legend>{labels.gateway}</legend>
            {(['whatsapp', 'sms'] as const).map((option) => (
              <label key={option}>
                <input
                  type="radio"
                  name="gateway"
                  value={option}
                  checked={gateway === option}
                  onChange={() => setGateway(option)}
                />
                <span>{option === 'whatsapp' ? labels.gatewayWhatsapp : labels.gatewaySms}</span>
              </label>
            ))}
          </fieldset>
        </>
      ) : (
        <Field
          id="email"
          label={labels.email}
          type="email"
          autoComplete="email"
          autoFocus
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          error={fieldErrors.email}
        />
      )}

      <button type="submit" className="primary" disabled={busy} aria-label={labels.sendCode}>
        {busy ? labels.sending : labels.sendCode}
      </button>
    </form>
  );
}
