import { createServer } from 'node:http';
import { createVerifikAuth, toNodeHandler } from '@verifik-auth/server';

const auth = createVerifikAuth({
  secret: process.env.VERIFIK_AUTH_SECRET!, // ≥ 32 characters
  allowedHosts: ['app.example'], // your app's host name: required in production, see below
});
// Serves /auth/verifik/* on your app's origin, passing each request's client address (the socket's peer).
createServer(toNodeHandler(auth.handler)).listen(3000);

// A route of your own that spends the user's token: a POST, checked first. Never spend the token on
// a GET: any page can make the browser send one (an <img>, a link).
export async function POST(request: Request): Promise<Response> {
  const unsafe = auth.checkRequest(request); // null, or why another page may have sent it
  if (unsafe) return Response.json({ message: unsafe.message }, { status: 403 });
  // auth.getSession(request) gives { accessToken, tokenType, expiresAt } | null; or, on their behalf:
  return auth.verifikFetch(request, '/v2/some/api', { method: 'POST' }); // to Verifik's origin only
}
