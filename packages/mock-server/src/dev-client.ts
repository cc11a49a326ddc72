import type { ApiRoute } from './api-routes.js';
import type { DevAuthenticator } from './authenticator.js';
import type { FaultSpec, PendingFault } from './faults.js';
import type { RequestRecord } from './request-log.js';
import type { InboxMessage } from './store.js';

/** The served Verifik endpoints by name, for tests that inject faults or read the request log. */
export const verifikRoutes = {
  phoneLogin: '/v2/projects/phone-login',
  phoneConfirm: '/v2/projects/phone-login/confirm',
  emailLogin: '/v2/projects/email-login',
  emailConfirm: '/v2/projects/email-login/confirm',
  session: '/v2/auth/session',
  renewAndRevoke: '/v2/auth/renew-and-revoke',
} as const satisfies Record<string, ApiRoute>;

/** The `/__dev/` routes of a running mock, typed: what tests, drivers and demos use to steer it. */
export interface MockDevClient {
  /** Makes the next `times` requests to `fault.route` misbehave (`POST /__dev/faults`); resolves to it as queued. */
  fault(fault: FaultSpec): Promise<PendingFault>;
  /** The faults still waiting for requests. */
  faults(): Promise<PendingFault[]>;
  /** Every request to a Verifik endpoint so far, oldest first. */
  requests(): Promise<RequestRecord[]>;
  /** Every code "sent" so far, newest last. */
  inbox(): Promise<InboxMessage[]>;
  /** The accounts with an authenticator: state, key, `otpauth://` line and the code accepted now. */
  authenticators(): Promise<DevAuthenticator[]>;
  /** Clears codes, cooldowns, inbox, faults and the request log, and puts authenticators back to their configured state. */
  reset(): Promise<void>;
}

/**
 * A client for the dev routes of the mock at `url` (its base URL, as `startMockServer` returns it).
 * Every call rejects when the mock answers with an error, with the mock's explanation.
 * @example
 * const dev = createMockDevClient(mock.url);
 * await dev.fault({ route: verifikRoutes.phoneLogin, status: 500 });
 */
export function createMockDevClient(url: string): MockDevClient {
  const call = async <T>(path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${url}/__dev/${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      ...(body === undefined
        ? {}
        : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    if (!response.ok) throw new Error(`/__dev/${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
  return {
    fault: async (fault) => (await call<{ fault: PendingFault }>('faults', fault)).fault,
    faults: async () => (await call<{ faults: PendingFault[] }>('faults')).faults,
    requests: async () => (await call<{ requests: RequestRecord[] }>('requests')).requests,
    inbox: async () => (await call<{ messages: InboxMessage[] }>('inbox')).messages,
    authenticators: async () =>
      (await call<{ authenticators: DevAuthenticator[] }>('authenticators')).authenticators,
    reset: async () => {
      await call('reset', {});
    },
  };
}
