/**
 * Extra header and parameter names that usually carry a secret. A new row with one of these
 * names starts with Secret ticked, and the issue-12 migration marked existing rows with them
 * secret (prisma/…/20261202040000_every_way_in/migration.sql spells the same list, checked by
 * test/connectors/secret-extras.test.ts).
 */
export const SECRET_EXTRA_NAMES: readonly string[] = [
  "api_key",
  "apikey",
  "api-key",
  "x-api-key",
  "x-apikey",
  "token",
  "access_token",
  "auth_token",
  "x-auth-token",
  "password",
  "passwd",
  "secret",
  "client_secret",
  "x-client-secret",
  "private_key",
  "authorization",
  "proxy-authorization",
  "subscription-key",
  "ocp-apim-subscription-key",
  "x-functions-key",
];

const NAMES = new Set(SECRET_EXTRA_NAMES);

export function looksSecret(name: string): boolean {
  return NAMES.has(name.trim().toLowerCase());
}
