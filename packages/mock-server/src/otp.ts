import { randomInt } from 'node:crypto';
import bcrypt from 'bcryptjs';

/** A fresh 6-digit code, uniformly random. */
export function generateCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

/**
 * The bcrypt hash Verifik returns as `otp`. Cost 4 keeps the mock fast; the `$2a$` prefix matches
 * Verifik's examples (bcryptjs writes `$2b$`, an equivalent variant).
 */
export async function hashCode(code: string): Promise<string> {
  const salt = (await bcrypt.genSalt(4)).replace(/^\$2b\$/, '$2a$');
  return bcrypt.hash(code, salt);
}
