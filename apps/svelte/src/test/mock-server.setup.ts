import { startMockServer } from '@verifik-auth/mock-server';
import { mockServerSetup } from '../../../test-mock-server.js';

// A fixed code; Verifik's resend cooldown, as the mock imitates it.
export default mockServerSetup(startMockServer, { fixedOtp: '123456' });
