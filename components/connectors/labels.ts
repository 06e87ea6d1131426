/** What the admin reads for each stored choice. The wording follows the mission's field table. */
export const GRANT_TYPE_OPTIONS = [
  { value: "authorization_code", label: "Authorization Code" },
  { value: "client_credentials", label: "Client Credentials" },
  { value: "jwt_bearer", label: "JWT Bearer" },
] as const;

export const CREDENTIAL_TYPE_OPTIONS = [
  { value: "oauth2", label: "OAuth 2.0" },
  { value: "api_key", label: "API Key" },
  { value: "basic", label: "Basic Auth" },
] as const;

export const PLACEMENT_OPTIONS = [
  { value: "header", label: "Request Header" },
  { value: "query", label: "Request URL" },
] as const;

export const CLIENT_AUTH_OPTIONS = [
  { value: "basic", label: "Send as Basic Auth header" },
  { value: "body", label: "Send client credentials in body" },
  { value: "private_key_jwt", label: "Signed JWT (private_key_jwt)" },
] as const;

export const SIGNING_ALG_OPTIONS = [
  { value: "RS256", label: "RS256 (RSA)" },
  { value: "ES256", label: "ES256 (EC P-256)" },
  { value: "PS256", label: "PS256 (RSA-PSS)" },
] as const;

export const JWT_SCOPE_OPTIONS = [
  { value: "param", label: "As the scope parameter" },
  { value: "claim", label: "As a scope claim in the assertion" },
] as const;

export const SCOPE_SEPARATOR_OPTIONS = [
  { value: " ", label: "Space" },
  { value: ",", label: "Comma" },
] as const;

export const BODY_FORMAT_OPTIONS = [
  { value: "form", label: "Form (application/x-www-form-urlencoded)" },
  { value: "json", label: "JSON" },
] as const;

export function grantTypeLabel(value: string): string {
  return GRANT_TYPE_OPTIONS.find((o) => o.value === value)?.label ?? value;
}

/** How a connector gets in, for lists and headers: the grant for OAuth 2.0, else the credential type ("API Key"). */
export function accessMethodLabel(grantType: string, credentialType: string | undefined): string {
  if (credentialType && credentialType !== "oauth2") return CREDENTIAL_TYPE_OPTIONS.find((o) => o.value === credentialType)?.label ?? credentialType;
  return grantTypeLabel(grantType);
}
