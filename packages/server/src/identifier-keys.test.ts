import { verifikRoutes } from '@verifik-auth/mock-server';
import { describe, expect, it } from 'vitest';
import { post, useMockVerifik } from './test-helpers/index.js';

// One destination, one limit key: however a phone or an email is written, the sends to it share one
// per-identifier limit. Each test sends from its own address so no address limit gets in the way.
const mock = useMockVerifik();

/** How many requests reached Verifik's route. */
const calls = async (route: string) =>
  (await mock.dev().requests()).filter((record) => record.route === route).length;

describe('one destination, one limit key', () => {
  it('counts +1 3115550601, +13 115550601, +131 15550601 and their separators as one phone (5 sends, then 429)', async () => {
    const auth = mock.auth();
    const send = (countryCode: string, phone: string | number) =>
      auth.handler(post('/phone-login', { countryCode, phone }), { clientAddress: '203.0.113.71' });
    const spellings: Array<[string, string | number]> = [
      ['+1', '3115550601'],
      ['+13', '115550601'],
      ['+131', '15550601'],
      [' +1 ', '(311) 555-0601'],
      ['+13', 115550601],
    ];
    for (const [countryCode, phone] of spellings) expect((await send(countryCode, phone)).status).toBe(200);
    for (const [countryCode, phone] of spellings) {
      const refused = await send(countryCode, phone);
      expect(refused.status).toBe(429);
      expect((await refused.json()).code).toBe('rate_limited');
    }
    expect(await calls(verifikRoutes.phoneLogin)).toBe(5);
  });

  it.each([
    ['a country code starting with 0', '+01', '3115550601'],
    ['a country code of only 0', '+0', '13115550601'],
    ['a country code of 4 digits', '+1234', '5550601'],
    ['a whole number of 16 digits', '+1', '311555060123456'],
    ['a whole number of 16 digits with a 3-digit country code', '+131', '1555060123456'],
  ])('refuses %s with 400 invalid_phone before any limit counts', async (_, countryCode, phone) => {
    // One send allowed per address: a refusal that counted would leave none for the valid send after.
    const auth = mock.auth({ rateLimit: { sendsPerAddress: { max: 1 }, sendsPerIdentifier: { max: 1 } } });
    const context = { clientAddress: '203.0.113.72' };
    for (let attempt = 0; attempt < 3; attempt++) {
      const refused = await auth.handler(post('/phone-login', { countryCode, phone }), context);
      expect(refused.status).toBe(400);
      expect((await refused.json()).code).toBe('invalid_phone');
    }
    expect(await calls(verifikRoutes.phoneLogin)).toBe(0);
    const valid = await auth.handler(
      post('/phone-login', { countryCode: '+1', phone: '3115550601' }),
      context,
    );
    expect(valid.status).toBe(200);
  });

  it('counts "  Alice@Bücher.Example. " and alice@xn--bcher-kva.example as one address', async () => {
    const auth = mock.auth({ rateLimit: { sendsPerIdentifier: { max: 2 } } });
    const send = (email: string) =>
      auth.handler(post('/email-login', { email }), { clientAddress: '203.0.113.73' });
    expect((await send('  Alice@Bücher.Example. ')).status).toBe(200);
    expect((await send('alice@xn--bcher-kva.example')).status).toBe(200);
    expect((await send('  Alice@Bücher.Example. ')).status).toBe(429);
    expect((await send('ALICE@XN--BCHER-KVA.EXAMPLE')).status).toBe(429);
    expect((await send('alice@bücher.example')).status).toBe(429);
  });

  it('does not fold Gmail dots or +tags: a.lice@gmail.com and alice+x@gmail.com are not alice@gmail.com', async () => {
    const auth = mock.auth({ rateLimit: { sendsPerIdentifier: { max: 1 } } });
    const send = (email: string) =>
      auth.handler(post('/email-login', { email }), { clientAddress: '203.0.113.74' });
    expect((await send('alice@gmail.com')).status).toBe(200);
    expect((await send('a.lice@gmail.com')).status).toBe(200);
    expect((await send('alice+x@gmail.com')).status).toBe(200);
    expect((await send('Alice@Gmail.com')).status).toBe(429);
  });
});
