import { ChangeDetectionStrategy, Component, signal, untracked } from '@angular/core';
import type { PhoneGateway } from '@verifik-auth/core';
import { useVerifikLoginContext } from '../index.js';
import { injectDemo } from './demo-settings.js';
import { Field } from './field.js';

type Method = 'phone' | 'email';

/** Steps `idle` and `sending` (and an expired session): who to send the code to. */
@Component({
  selector: 'demo-identifier-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [Field],
  template: `
    <form class="stack" (submit)="submit($event)" novalidate [attr.aria-busy]="login.busy()">
      <p class="subtitle">{{ labels().subtitle }}</p>
      <fieldset class="segmented" aria-labelledby="login-title">
        @for (option of methods; track option) {
          <label>
            <input type="radio" name="method" [value]="option" [checked]="method() === option" (change)="method.set(option)" />
            <span>{{ option === 'phone' ? labels().methodPhone : labels().methodEmail }}</span>
          </label>
        }
      </fieldset>

      @if (method() === 'phone') {
        <div class="phone-row">
          <demo-field
            fieldId="country-code"
            extraClass="country-code"
            [label]="labels().countryCode"
            inputmode="tel"
            autocomplete="tel-country-code"
            [value]="countryCode()"
            (valueChange)="countryCode.set($event)"
            [error]="login.fieldErrors().countryCode"
          />
          <demo-field
            fieldId="phone"
            [label]="labels().phoneNumber"
            type="tel"
            inputmode="tel"
            autocomplete="tel-national"
            [focusOnMount]="identifier !== null"
            [value]="phone()"
            (valueChange)="phone.set($event)"
            [error]="login.fieldErrors().phone"
          />
        </div>
        <fieldset class="choices">
          <legend>{{ labels().gateway }}</legend>
          @for (option of gateways; track option) {
            <label>
              <input type="radio" name="gateway" [value]="option" [checked]="gateway() === option" (change)="gateway.set(option)" />
              <span>{{ option === 'whatsapp' ? labels().gatewayWhatsapp : labels().gatewaySms }}</span>
            </label>
          }
        </fieldset>
      } @else {
        <demo-field
          fieldId="email"
          [label]="labels().email"
          type="email"
          autocomplete="email"
          [focusOnMount]="true"
          [value]="email()"
          (valueChange)="email.set($event)"
          [error]="login.fieldErrors().email"
        />
      }

      <button type="submit" class="primary" [disabled]="login.busy()" [attr.aria-label]="labels().sendCode">{{ login.busy() ? labels().sending : labels().sendCode }}</button>
    </form>
  `,
})
export class IdentifierForm {
  protected readonly login = useVerifikLoginContext();
  private readonly demo = injectDemo();
  protected readonly labels = this.demo.labels;
  protected readonly methods = ['phone', 'email'] as const;
  protected readonly gateways = ['whatsapp', 'sms'] as const;
  // "Change number" comes back here with what was sent last: read once, when the form appears.
  protected readonly identifier = untracked(this.login.identifier);
  private readonly sentPhone = this.identifier?.method === 'phone' ? this.identifier : null;
  protected readonly method = signal<Method>(this.identifier?.method ?? 'phone');
  protected readonly countryCode = signal(this.sentPhone?.countryCode ?? '+1');
  protected readonly phone = signal(this.sentPhone?.phone ?? '');
  protected readonly gateway = signal<PhoneGateway>(this.sentPhone?.gateway || 'whatsapp');
  protected readonly email = signal(this.identifier?.method === 'email' ? this.identifier.email : '');

  protected submit(event: Event): void {
    event.preventDefault();
    const language = this.demo.locale();
    if (this.method() === 'phone') {
      this.login.sendPhone({
        countryCode: this.countryCode(),
        phone: this.phone(),
        gateway: this.gateway(),
        language,
      });
    } else this.login.sendEmail({ email: this.email(), language });
  }
}
