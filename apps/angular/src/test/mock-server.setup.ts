import { startMockServer } from '@verifik-auth/mock-server';
import { mockServerSetup } from '../../../test-mock-server.js';

// A fixed code, and no server-side resend cooldown: the tests resend at once.
export default mockServerSetup(startMockServer, { fixedOtp: '246810', resendCooldownMs: 0 });
