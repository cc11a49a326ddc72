import * as v from 'valibot';
import type { FieldErrors } from './login.types.js';
import { CountryCodeSchema, EmailSchema, normalizePhone, PhoneNumberSchema } from './schemas.js';

const isBlank = (value: string | undefined) => value === undefined || value.trim() === '';

/** Field errors of a phone login; empty when it may be sent. */
export function validatePhoneLogin(input: { countryCode: string; phone: string }): FieldErrors {
  const errors: FieldErrors = {};
  if (isBlank(input.countryCode)) errors.countryCode = 'required';
  else if (!v.is(CountryCodeSchema, input.countryCode.trim())) errors.countryCode = 'country_code_format';
  if (isBlank(input.phone)) errors.phone = 'required';
  else if (!v.is(PhoneNumberSchema, normalizePhone(input.phone))) errors.phone = 'phone_format';
  return errors;
}

/** Field errors of an email login; empty when it may be sent. */
export function validateEmailLogin(input: { email: string }): FieldErrors {
  if (isBlank(input.email)) return { email: 'required' };
  return v.is(EmailSchema, input.email.trim()) ? {} : { email: 'email_format' };
}

/** Field errors of a code submission, given the expected length and whether 2FA is required. */
export function validateOtpSubmission(
  input: { otp: string; authenticatorOtp?: string },
  rules: { otpLength: number; requires2FA: boolean },
): FieldErrors {
  const errors: FieldErrors = {};
  const otp = input.otp?.trim() ?? '';
  if (otp === '') errors.otp = 'required';
  else if (!new RegExp(`^\\d{${rules.otpLength}}$`).test(otp)) errors.otp = 'otp_format';
  if (rules.requires2FA) {
    const authenticatorOtp = input.authenticatorOtp?.trim() ?? '';
    if (authenticatorOtp === '') errors.authenticatorOtp = 'authenticator_otp_required';
    else if (!/^\d{6,8}$/.test(authenticatorOtp)) errors.authenticatorOtp = 'otp_format';
  }
  return errors;
}

export const hasFieldErrors = (errors: FieldErrors) => Object.keys(errors).length > 0;
