/**
 * The phone and email rules every verifik-auth package shares: which identifiers are valid, and the
 * one form a destination is counted under however it was written (`@verifik-auth/core` checks fields
 * with them, `@verifik-auth/server` keys its limits by them, `@verifik-auth/mock-server` answers as
 * Verifik by them). No dependencies: it runs wherever `URL` does.
 * @module @verifik-auth/identifiers
 */
export { EMAIL_MAX_LENGTH, normalizeEmail } from './email.js';
export {
  E164_MAX_DIGITS,
  e164,
  hasTrunkPrefix,
  NATIONAL_NUMBER_MIN_DIGITS,
  normalizePhone,
  type PhoneNumber,
  parseCountryCode,
  parseNationalNumber,
  parsePhoneNumber,
} from './phone.js';
