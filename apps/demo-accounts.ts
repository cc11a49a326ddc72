/**
 * The accounts with an authenticator that `pnpm demo` registers on its second mock (see the README's
 * demo section), and the demos' tests log in with. Listing accounts makes the mock refuse every other
 * one, so the everyday mock stays open and these live on a mock of their own. The mock's
 * `GET /__dev/authenticators` gives their code (the fixed `000000`).
 */
export const demoAuthenticatorAccounts = {
  phones: [{ countryCode: '+1', phone: '2025550143', authenticator: 'needs-setup' }],
  emails: [{ email: 'totp@example.com', authenticator: 'set-up' }],
} as const;
