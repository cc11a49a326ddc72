import { type LoginView, maskToken } from '@verifik-auth/core';
import { useVerifikLoginSelector } from '../index.js';
import { useDemo } from './demo-context.js';

const pick = ({ session, busy, refresh, logout, revokeOthers }: LoginView) => ({
  session,
  busy,
  refresh,
  logout,
  revokeOthers,
});

/** Step `authenticated`: proof of the session without revealing it, and the way out. */
export function SessionPanel() {
  const { labels, locale } = useDemo();
  const { session, busy, refresh, logout, revokeOthers } = useVerifikLoginSelector(pick);
  if (!session) return null;
  const expires = new Date(session.expiresAt).toLocaleString(locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
  });
  return (
    <div className="stack">
      <dl className="session">
        <div>
          <dt>{labels.token}</dt>
          <dd>
            {/* Server mode: the page never has the token. */}
            {session.accessToken === undefined ? (
              labels.tokenOnServer
            ) : (
              <code>{maskToken(session.accessToken)}</code>
            )}
          </dd>
        </div>
        <div>
          <dt>{labels.expires}</dt>
          <dd>
            <time dateTime={new Date(session.expiresAt).toISOString()}>{expires}</time>
          </dd>
        </div>
      </dl>
      <button type="button" disabled={busy} onClick={refresh}>
        {labels.refresh}
      </button>
      <button type="button" className="primary" onClick={logout}>
        {labels.logOut}
      </button>
      {/* It ends the account's other tokens too (scripts, servers): say so where it is pressed. */}
      <button type="button" disabled={busy} onClick={revokeOthers} aria-describedby="revoke-others-warning">
        {labels.revokeOthers}
      </button>
      <p id="revoke-others-warning" className="hint">
        {labels.revokeOthersWarning}
      </p>
    </div>
  );
}
