import { ChangeDetectionStrategy, Component } from '@angular/core';
import { useVerifikLoginContext } from '../index.js';
import { injectDemo } from './demo-settings.js';

/** Step `expired` with reason `otp`: the page's status line says so; this offers the way out. */
@Component({
  selector: 'demo-expired-otp',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="stack">
      <button type="button" class="primary" [disabled]="login.busy()" (click)="login.resend()">{{ labels().resendCode }}</button>
      <button type="button" class="link" (click)="login.cancel()">{{ labels().changeNumber }}</button>
    </div>
  `,
})
export class ExpiredOtp {
  protected readonly login = useVerifikLoginContext();
  protected readonly labels = injectDemo().labels;
}
