import { randomBytes, randomInt } from 'node:crypto';

/** A random 24-hex id shaped like the Mongo ids in Verifik's answers. */
export function randomObjectId(): string {
  return randomBytes(12).toString('hex');
}

const idAlphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** A random 5-character response `id` like Verifik's `"Y0628"`. */
export function randomResponseId(): string {
  return Array.from({ length: 5 }, () => idAlphabet[randomInt(idAlphabet.length)]).join('');
}
