import { createVerifikAuth, type VerifikAuth } from '@verifik-auth/server';

let auth: VerifikAuth | undefined;

/** The handler's instance, made on first use (auto-imported in server code, as every server/utils export). */
export function getAuth(): VerifikAuth {
  auth ??= createVerifikAuth({
    secret: process.env.VERIFIK_AUTH_SECRET!, // at least 32 characters: `openssl rand -base64 32`
    verifikBaseUrl: process.env.VERIFIK_BASE_URL, // unset: Verifik's API
    allowedHosts: ['app.example'], // the host name(s) your users reach the app on
    // Codes per client address an hour (default 20).
    rateLimit: { sendsPerAddress: { max: Number(process.env.VERIFIK_SENDS_PER_ADDRESS) || 20 } },
  });
  return auth;
}
