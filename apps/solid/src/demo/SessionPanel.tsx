import { maskToken } from '@verifik-auth/core';
import { Show } from 'solid-js';
import { useVerifikLoginContext } from '../index.js';
import { useDemo } from './demo-context.js';

/** Step `authenticated`: proof of the session without revealing it, and the way out. */
export function SessionPanel() {
  const demo = useDemo();
  const login = useVerifikLoginContext();
  return (
    <Show when={login.session}>
      {(session) => (
        <div class="stack">
          <dl class="session">
            <div>
              <dt>{demo.labels.token}</dt>
              <dd>
                {/* Server mode: the page never has the token. */}
                <Show when={session().accessToken} fallback={demo.labels.tokenOnServer}>
                  {(token) => <code>{maskToken(token())}</code>}
                </Show>
              </dd>
            </div>
            <div>
              <dt>{demo.labels.expires}</dt>
              <dd>
                <time datetime={new Date(session().expiresAt).toISOString()}>
                  {new Date(session().expiresAt).toLocaleString(demo.locale, {
                    dateStyle: 'medium',
                    timeStyle: 'short',
                  })}
                </time>
              </dd>
            </div>
          </dl>
          <button type="button" disabled={login.busy} onClick={() => login.refresh()}>
            {demo.labels.refresh}
          </button>
          <button type="button" class="primary" onClick={() => login.logout()}>
            {demo.labels.logOut}
          </button>
          {/* It ends the account's other tokens too (scripts, servers): say so where it is pressed. */}
          <button
            type="button"
            disabled={login.busy}
            onClick={() => login.revokeOthers()}
            aria-describedby="revoke-others-warning"
          >
            {demo.labels.revokeOthers}
          </button>
          <p id="revoke-others-warning" class="hint">
            {demo.labels.revokeOthersWarning}
          </p>
        </div>
      )}
    </Show>
  );
}
