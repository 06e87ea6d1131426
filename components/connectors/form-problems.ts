import type { ConnectorFormValues } from "@/lib/connectors/schema";

/** Dotted paths of every error in a react-hook-form errors object (`extras.token.headers.0.name`). */
export function errorPaths(node: unknown, prefix = ""): string[] {
  if (!node || typeof node !== "object") return [];
  const record = node as Record<string, unknown>;
  if (typeof record.message === "string") return [prefix];
  return Object.entries(record).flatMap(([key, child]) => (key === "ref" ? [] : errorPaths(child, prefix ? `${prefix}.${key}` : key)));
}

const ADVANCED = [
  "grantTypeValue",
  "extras",
  "revocationUrl",
  "tokenBodyFormat",
  "refreshIncludesScope",
  "refreshTokenIdleDays",
  "refreshTokenMaxDays",
  "allowEncodedSlash",
  "accessTokenPath",
  "metadataFields",
];
/** Hidden for API Key and Basic Auth, kept for switching back. */
const OAUTH_ONLY = [
  "grantType",
  "issuerUrl",
  "authUrl",
  "tokenUrl",
  "refreshUrl",
  "revocationUrl",
  "clientId",
  "clientSecret",
  "scopes",
  "clientAuth",
  "extras",
  "accessTokenPath",
  "metadataFields",
];
const under = (path: string, root: string) => path === root || path.startsWith(`${root}.`);

export function touchesAdvanced(paths: string[]): boolean {
  return paths.some((path) => ADVANCED.some((root) => under(path, root)));
}

/**
 * Fields the current choices hide keep their values (switching back restores them), so an error
 * in one would be invisible. Name them in the form-level message instead.
 */
export function hiddenProblems(paths: string[], values: ConnectorFormValues): string | null {
  const hidden: string[] = [];
  const has = (root: string) => paths.some((path) => under(path, root));
  const oauth = (values.credentialType ?? "oauth2") === "oauth2";
  if (!oauth && OAUTH_ONLY.some(has)) hidden.push("OAuth 2.0 settings (used with the OAuth 2.0 Credential Type)");
  if (values.credentialType !== "api_key" && has("apiKeyHeader")) hidden.push("Header Name (used with API Key)");
  if (oauth && values.grantType !== "jwt_bearer" && ["jwtIssuer", "jwtSubject", "jwtAudience"].some(has))
    hidden.push("JWT Bearer claims (used with JWT Bearer)");
  if (oauth && values.grantType !== "jwt_bearer" && values.clientAuth !== "private_key_jwt" && ["privateKey", "keyId"].some(has)) {
    hidden.push("Private Key or Key ID (used with Signed JWT or JWT Bearer)");
  }
  if (oauth && values.grantType !== "client_credentials" && has("grantTypeValue")) hidden.push("Grant type value (used with Client Credentials)");
  if (values.credentialType === "basic" && ["authPlacement", "headerPrefix", "queryParamName"].some(has))
    hidden.push("Add auth data to settings (not used with Basic Auth)");
  if (values.authPlacement !== "header" && has("headerPrefix")) hidden.push("Header Prefix (used with Request Header)");
  if (values.authPlacement !== "query" && has("queryParamName")) hidden.push("Query Parameter Name (used with Request URL)");
  if (oauth && values.grantType !== "authorization_code" && has("authUrl")) hidden.push("Auth URL (used with Authorization Code)");
  if (oauth && values.grantType !== "authorization_code" && has("extras.auth")) hidden.push("Auth request parameters (used with Authorization Code)");
  if (!hidden.length) return null;
  return `A value kept for another choice is not valid: ${hidden.join("; ")}. Switch back to correct or clear it.`;
}
