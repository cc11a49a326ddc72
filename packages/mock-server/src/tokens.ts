import { randomUUID } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';

/** A day in ms; Verifik counts token lifetimes in days and months of 30 days. */
export const dayMs = 24 * 60 * 60 * 1000;

/** The default token lifetime: 30 days, as Verifik documents. */
export const tokenLifetimeMs = 30 * dayMs;

/** Issues and checks the mock's access tokens: real HS256 JWTs with `client`, `iat`, `exp` and `jti`. */
export interface TokenIssuer {
  /** A token for `client` that expires `lifetimeMs` from now (the issuer's clock). */
  issue(client: string, lifetimeMs?: number): Promise<string>;
  /** The token's `client` when it is genuine and unexpired, else undefined. */
  verify(token: string): Promise<{ client: string } | undefined>;
}

/** A {@link TokenIssuer} signing with `secret` and reading the time from `now`. */
export function createTokenIssuer(secret: Uint8Array, now: () => number): TokenIssuer {
  return {
    async issue(client, lifetimeMs = tokenLifetimeMs) {
      const issuedAt = Math.floor(now() / 1000);
      return (
        new SignJWT({ client })
          .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
          .setIssuedAt(issuedAt)
          .setExpirationTime(issuedAt + Math.round(lifetimeMs / 1000))
          // A unique id, so two tokens minted in the same second still differ.
          .setJti(randomUUID())
          .sign(secret)
      );
    },
    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, secret, {
          algorithms: ['HS256'],
          currentDate: new Date(now()),
          requiredClaims: ['exp'],
        });
        return typeof payload.client === 'string' ? { client: payload.client } : undefined;
      } catch {
        return undefined;
      }
    },
  };
}
