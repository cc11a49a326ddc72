import { env } from '$env/dynamic/private';
import { createVerifikAuth, type VerifikAuth } from '@verifik-auth/server';

let auth: VerifikAuth | undefined;

/** The handler's instance, made on first use: `vite build` imports the route, where no secret is set. */
export function getAuth(): VerifikAuth {
  auth ??= createVerifikAuth({
    secret: env.VERIFIK_AUTH_SECRET!, // at least 32 characters: `openssl rand -base64 32`
    verifikBaseUrl: env.VERIFIK_BASE_URL, // unset: Verifik's API
    allowedHosts: ['app.example'], // the host name(s) your users reach the app on
    // Codes per client address an hour (default 20).
    rateLimit: { sendsPerAddress: { max: Number(env.VERIFIK_SENDS_PER_ADDRESS) || 20 } },
  });
  return auth;
}
