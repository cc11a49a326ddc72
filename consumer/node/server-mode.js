// A plain Node ESM script: server mode from the installed packages (through dist/server-mode.js,
// compiled from src/server-mode.ts by `tsc`). Exits 0 only when the page side signed in without the
// token and the server side reads it from the cookie.
import { startMockServer } from '@verifik-auth/mock-server';
import { logInThroughServer } from './dist/server-mode.js';

const fixedOtp = '123456';
const mock = await startMockServer({ port: 0, fixedOtp });
try {
  const { steps, tokenInPage, serverTokenLength } = await logInThroughServer(mock.url, fixedOtp);
  if (tokenInPage) throw new Error('the page-side session holds the token');
  console.log(
    `${steps.join(' → ')}; no token in the page, a JWT of ${serverTokenLength} characters on the server`,
  );
} catch (error) {
  console.error('The server-mode login failed:', error);
  process.exitCode = 1;
} finally {
  await mock.close();
}
