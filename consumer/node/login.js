// A plain Node ESM script: starts the installed mock server and logs in with the installed core (through
// dist/log-in.js, compiled from src/log-in.ts by `tsc`). Exits 0 only when the login is authenticated.
import { startMockServer } from '@verifik-auth/mock-server';
import { logInByPhone } from './dist/log-in.js';

const fixedOtp = '123456';
const mock = await startMockServer({ port: 0, fixedOtp });
try {
  const { steps, accessToken } = await logInByPhone(mock.url, fixedOtp);
  const claims = JSON.parse(Buffer.from(accessToken.split('.')[1] ?? '', 'base64url').toString('utf8'));
  if (typeof claims.exp !== 'number') throw new Error('the access token has no exp claim');
  console.log(`${steps.join(' → ')}; a JWT of ${accessToken.length} characters`);
} catch (error) {
  console.error('The login failed:', error);
  process.exitCode = 1;
} finally {
  await mock.close();
}
