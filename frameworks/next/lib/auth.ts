import { createVerifikAuth, type VerifikAuth } from '@verifik-auth/server';

let auth: VerifikAuth | undefined;

/** The handler's instance, made on first use: `next build` imports the route, where no secret is set. */
export function getAuth(): VerifikAuth {
  auth ??= createVerifikAuth({
    secret: process.env.VERIFIK_AUTH_SECRET!, // at least 32 characters: `openssl rand -base64 32`
    verifikBaseUrl: process.env.VERIFIK_BASE_URL, // unset: Verifik's API
    // Route handlers see Next's own URL (http://localhost:3000/…), not the browser's: name the origin
    // your users' browsers are on (e.g. https://app.example), and keep the cookie Secure on https.
    allowedOrigins: [process.env.APP_ORIGIN!],
    cookie: { secure: process.env.APP_ORIGIN!.startsWith('https:') },
    // Route handlers get no peer address. X-Real-IP is trusted only because the app is reachable only
    // through our own proxy, which overwrites it on every request (nginx: `proxy_set_header X-Real-IP
    // $remote_addr;`). A request without it has no address: its sends and confirms are refused.
    getClientAddress: (request) => request.headers.get('x-real-ip'),
    // Codes per client address an hour (default 20).
    rateLimit: { sendsPerAddress: { max: Number(process.env.VERIFIK_SENDS_PER_ADDRESS) || 20 } },
  });
  return auth;
}
