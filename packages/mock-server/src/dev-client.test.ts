import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockDevClient, verifikRoutes } from './dev-client.js';
import { type MockServer, startMockServer } from './server.js';

let mock: MockServer;
beforeAll(async () => {
  mock = await startMockServer({ port: 0, fixedOtp: '123456' });
});
afterAll(async () => {
  await mock.close();
});

const sendPhoneCode = () =>
  fetch(`${mock.url}${verifikRoutes.phoneLogin}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ countryCode: '+1', phone: 1234566663, type: 'login' }),
  });

describe('createMockDevClient', () => {
  it('injects a fault, lists requests and the inbox, and resets them', async () => {
    const dev = createMockDevClient(mock.url);
    const queued = await dev.fault({ route: verifikRoutes.phoneLogin, status: 503 });
    expect(await dev.faults()).toEqual([queued]);
    expect((await sendPhoneCode()).status).toBe(503);
    expect((await sendPhoneCode()).status).toBe(200);
    expect((await dev.requests()).map((record) => record.status)).toEqual([503, 200]);
    expect(await dev.inbox()).toMatchObject([{ method: 'phone', otp: '123456' }]);
    await dev.reset();
    expect(await dev.requests()).toEqual([]);
    expect(await dev.inbox()).toEqual([]);
  });

  it("rejects with the mock's explanation when it refuses a fault", async () => {
    const dev = createMockDevClient(mock.url);
    await expect(dev.fault({ route: '/nowhere' as never, status: 500 })).rejects.toThrow(/faults: 400/);
  });
});
