// Security review regressions: each test fails without the fix it names.
import { describe, expect, it } from 'vitest';
import { post, uniquePhone, useMockVerifik } from './test-helpers/index.js';

const mock = useMockVerifik();

describe('the send limits: a request refused for its address does not count against the identifier', () => {
  it('someone over their address limit cannot lock another person’s number out for free', async () => {
    const auth = mock.auth({
      rateLimit: { sendsPerAddress: { max: 1 }, sendsPerIdentifier: { max: 3 } },
    });
    const victim = uniquePhone();
    expect(
      (await auth.handler(post('/phone-login', uniquePhone()), { clientAddress: '203.0.113.9' })).status,
    ).toBe(200);
    for (let index = 0; index < 5; index++) {
      const refused = await auth.handler(post('/phone-login', victim), { clientAddress: '203.0.113.9' });
      expect(refused.status).toBe(429);
    }
    // The victim, from their own address, still gets a code.
    expect((await auth.handler(post('/phone-login', victim), { clientAddress: '198.51.100.7' })).status).toBe(
      200,
    );
  });
});

describe('the per-address limit counts an IPv6 client by its /64', () => {
  it('refuses a sender rotating through the addresses of one /64 (every home line has 2^64)', async () => {
    const auth = mock.auth({ rateLimit: { sendsPerAddress: { max: 2 } } });
    const statuses: number[] = [];
    for (let index = 1; index <= 3; index++) {
      const response = await auth.handler(post('/phone-login', uniquePhone()), {
        clientAddress: `2001:db8:aa:bb::${index.toString(16)}`,
      });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([200, 200, 429]);
  });

  it('counts the IPv4-mapped form of an address as the IPv4 address', async () => {
    const auth = mock.auth({ rateLimit: { sendsPerAddress: { max: 1 } } });
    const first = await auth.handler(post('/phone-login', uniquePhone()), { clientAddress: '203.0.113.5' });
    const second = await auth.handler(post('/phone-login', uniquePhone()), {
      clientAddress: '::ffff:203.0.113.5',
    });
    expect([first.status, second.status]).toEqual([200, 429]);
  });

  it('keeps different /64s and different IPv4 addresses apart', async () => {
    const auth = mock.auth({ rateLimit: { sendsPerAddress: { max: 1 } } });
    for (const clientAddress of ['2001:db8:aa:bb::1', '2001:db8:aa:cc::1', '203.0.113.6', '203.0.113.7']) {
      expect((await auth.handler(post('/phone-login', uniquePhone()), { clientAddress })).status).toBe(200);
    }
  });
});
