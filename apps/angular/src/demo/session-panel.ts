import { ChangeDetectionStrategy, Component, computed } from '@angular/core';
import { maskToken } from '@verifik-auth/core';
import { useVerifikLoginContext } from '../index.js';
import { injectDemo } from './demo-settings.js';

/** Step `authenticated`: proof of the session without revealing it, and the way out. */
@Component({
  selector: 'demo-session-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (login.session(); as session) {
      <div class="stack">
        <dl class="session">
          <div>
            <dt>{{ labels().token }}</dt>
            <!-- Server mode: the page never has the token. -->
            <dd>
              @if (maskedToken(); as token) { <code>{{ token }}</code> } @else { {{ labels().tokenOnServer }} }
            </dd>
          </div>
          <div>
            <dt>{{ labels().expires }}</dt>
            <dd><time [attr.datetime]="expiresIso()">{{ expiresText() }}</time></dd>
          </div>
        </dl>
        <button type="button" [disabled]="login.busy()" (click)="login.refresh()">{{ labels().refresh }}</button>
        <button type="button" class="primary" (click)="login.logout()">{{ labels().logOut }}</button>
        <!-- It ends the account's other tokens too (scripts, servers): say so where it is pressed. -->
        <button type="button" [disabled]="login.busy()" (click)="login.revokeOthers()" aria-describedby="revoke-others-warning">{{ labels().revokeOthers }}</button>
        <p id="revoke-others-warning" class="hint">{{ labels().revokeOthersWarning }}</p>
      </div>
    }
  `,
})
export class SessionPanel {
  protected readonly login = useVerifikLoginContext();
  private readonly demo = injectDemo();
  protected readonly labels = this.demo.labels;
  protected readonly maskedToken = computed(() => {
    const token = this.login.session()?.accessToken;
    return token ? maskToken(token) : null;
  });
  private readonly expiresAt = computed(() => new Date(this.login.session()?.expiresAt ?? 0));
  protected readonly expiresIso = computed(() => this.expiresAt().toISOString());
  protected readonly expiresText = computed(() =>
    this.expiresAt().toLocaleString(this.demo.locale(), { dateStyle: 'medium', timeStyle: 'short' }),
  );
}
