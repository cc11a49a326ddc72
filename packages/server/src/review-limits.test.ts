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
