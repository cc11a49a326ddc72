import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getLoginPaths } from './catalogue.js';
import { runPath } from './run-path.js';
import { createPathClock } from './server-driver.js';
import { createServerModeDriver, serverModeCannotDrive } from './server-mode-driver.js';
import { type ServerModeSite, startServerModeSite } from './server-mode-site.js';

const clock = createPathClock();
let site: ServerModeSite;

beforeAll(async () => {
  site = await startServerModeSite(clock);
});
afterAll(() => site?.close());

const driver = () => createServerModeDriver({ ...site.driverOptions, clock });

const shortest = getLoginPaths({ strategy: 'shortest' });
const driven = shortest.filter((path) => !serverModeCannotDrive(path));
const notDriven = shortest.flatMap((path) => {
  const reason = serverModeCannotDrive(path);
  return reason ? [{ id: path.id, reason }] : [];
});

describe('every shortest path in server mode: machine → core server client → @verifik-auth/server → mock server', () => {
  it.each(driven)('$id: $description', (path) => runPath(path, driver()));
});

describe('the paths server mode cannot drive', () => {
  it('are listed with the reason, and counted', () => {
    const lines = notDriven.map(({ id, reason }) => `  ${id}: ${reason}`);
    console.info(
      `server mode drives ${driven.length} of ${shortest.length} shortest runs; not driven (${notDriven.length}):\n${lines.join('\n')}`,
    );
    expect(driven.length + notDriven.length).toBe(shortest.length);
    expect({ driven: driven.length, notDriven: notDriven.map(({ id }) => id) }).toMatchInlineSnapshot(`
      {
        "driven": 136,
        "notDriven": [
          "storage-fails",
          "stale.cancel",
          "stale.bad-email",
          "stale.bad-phone",
          "stale.tab-login",
          "stale.email.send-invalid-email",
          "stale.phone.send-account-not-found",
          "stale.phone.send-account-not-found[requestOtp.endpoint_not_found]",
          "stale.phone.send-account-not-found[requestOtp.identifier_not_validated]",
          "stale.phone.send-account-not-found[requestOtp.insufficient_credits]",
          "stale.phone.send-account-not-found[requestOtp.invalid_phone]",
          "stale.phone.send-account-not-found[requestOtp.invalid_response]",
          "stale.phone.send-account-not-found[requestOtp.missing_parameter]",
          "stale.phone.send-account-not-found[requestOtp.network]",
          "stale.phone.send-account-not-found[requestOtp.project_flow_not_found]",
          "stale.phone.send-account-not-found[requestOtp.rate_limited]",
          "stale.phone.send-account-not-found[requestOtp.resend_too_soon]",
          "stale.phone.send-account-not-found[requestOtp.send_refused]",
          "stale.phone.send-account-not-found[requestOtp.server]",
          "stale.phone.send-account-not-found[requestOtp.timeout]",
          "stale.phone.send-account-not-found[requestOtp.unknown]",
        ],
      }
    `);
  });
});
