/** What the admin reads for each stored choice. The wording follows the mission's field table. */
export const GRANT_TYPE_OPTIONS = [
  { value: "authorization_code", label: "Authorization Code" },
  { value: "client_credentials", label: "Client Credentials" },
] as const;

export const PLACEMENT_OPTIONS = [
  { value: "header", label: "Request Header" },
  { value: "query", label: "Request URL" },
] as const;

export const CLIENT_AUTH_OPTIONS = [
  { value: "basic", label: "Send as Basic Auth header" },
  { value: "body", label: "Send client credentials in body" },
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
