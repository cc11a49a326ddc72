import { ChangeDetectionStrategy, Component } from '@angular/core';
import { statusLabel } from '@verifik-auth/core';
import { isRevoking } from '../../../demo-setup.js';
import { useVerifikLoginActor, useVerifikLoginSelector } from '../index.js';
import { injectDemo } from './demo-settings.js';

@Component({
  selector: 'demo-status-line',
  changeDetection: ChangeDetectionStrategy.OnPush,
  // The busy button already shows "Sending…"; only screen readers need to hear it.
  template: `
    <p [class]="text() === demo.labels().sending ? 'visually-hidden' : 'status'" role="status" aria-live="polite">{{ text() }}</p>
  `,
})
export class StatusLine {
  protected readonly demo = injectDemo();
  private readonly actor = useVerifikLoginActor();
  protected readonly text = useVerifikLoginSelector((view) =>
    view.busy && isRevoking(this.actor) ? this.demo.labels().revoking : statusLabel(view, this.demo.labels()),
  );
}

@Component({
  selector: 'demo-error-alert',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<p class="alert" role="alert">{{ message() }}</p>`,
})
export class ErrorAlert {
  protected readonly message = useVerifikLoginSelector((view) => view.error?.message ?? '');
}
