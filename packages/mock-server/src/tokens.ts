import { randomUUID } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';

/** A day in ms; Verifik counts token lifetimes in days and months of 30 days. */
export const dayMs = 24 * 60 * 60 * 1000;

/** The default token lifetime: 30 days, as Verifik documents. */
export const tokenLifetimeMs = 30 * dayMs;

/**
 * Issues and checks the mock's access tokens: real HS256 JWTs with `client`, `iat`, `exp`, `jti`,
 * and `rev`, the account's revocation count when the token was issued.
 */
export interface TokenIssuer {
  /** A token for `client` that expires `lifetimeMs` from now (the issuer's clock). */
  issue(client: string, lifetimeMs?: number): Promise<string>;
  /** The token's `client` when it is genuine, unexpired and not revoked, else undefined. */
  verify(token: string): Promise<{ client: string } | undefined>;
  /** Ends every token of `client` issued so far; tokens issued afterwards work. */
  revoke(client: string): void;
}

/**
 * A {@link TokenIssuer} signing with `secret` and reading the time from `now`.
 *
 * Revocation is a count per account rather than a list of tokens: each revoke raises the account's
 * count, each token carries the count it was issued under, and only tokens carrying the current
 * count are valid. A time watermark would not do: `iat` has whole seconds, so a token issued in
 * the second of the revoke could not be told from the new one. The mock keeps one number per account
 * that ever revoked, and forgets them when it stops (as it forgets its random token secret).
 */
export function createTokenIssuer(secret: Uint8Array, now: () => number): TokenIssuer {
  const revocations = new Map<string, number>();
  const countOf = (client: string) => revocations.get(client) ?? 0;
  return {
    async issue(client, lifetimeMs = tokenLifetimeMs) {
      const issuedAt = Math.floor(now() / 1000);
      return (
        new SignJWT({ client, rev: countOf(client) })
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
        if (typeof payload.client !== 'string') return undefined;
        // A token without `rev` predates revocation: it counts as issued under 0.
        return (payload.rev ?? 0) === countOf(payload.client) ? { client: payload.client } : undefined;
      } catch {
        return undefined;
      }
    },
    revoke(client) {
      revocations.set(client, countOf(client) + 1);
    },
  };
}
