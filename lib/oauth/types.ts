/**
 * Types of the pure OAuth 2.0 protocol layer. The client configuration mirrors the output of the
 * connector form schema (lib/connectors/schema.ts) without importing it: empty optional URLs
 * become null, the secret is already decrypted (null for a public client).
 */

export interface KeyValue {
  name: string;
  value: string;
  /** A secret extra (an API key in a header): its value is redacted wherever a response or error could quote it. */
  secret?: boolean;
}

/** Extra headers and parameters an admin configured for one kind of request. */
export interface RequestExtras {
  headers: KeyValue[];
  params: KeyValue[];
}

/** "jwt_bearer": RFC 7523 §2.1, a signed assertion as the grant (service accounts). */
export type GrantType = "authorization_code" | "client_credentials" | "jwt_bearer";
/** "private_key_jwt": RFC 7523 §2.2 / OIDC Core §9, a signed client assertion instead of a secret. */
export type ClientAuthMethod = "basic" | "body" | "private_key_jwt";
export type SigningAlgorithm = "RS256" | "ES256" | "PS256";

/** The connector's private key, opened, for private_key_jwt client assertions and JWT bearer grants. */
export interface SigningKey {
  /** PEM (PKCS#8) or a JWK as JSON text. Secret. */
  privateKey: string;
  /** `kid` header of every assertion; null when the admin set none. */
  keyId: string | null;
  alg: SigningAlgorithm;
}

/** RFC 7523 §3 claims of a JWT bearer grant's assertion. */
export interface JwtBearerSettings {
  /** `iss`: the service account (Google: its client_email). */
  issuer: string;
  /** `sub`: the user to act as (Google domain-wide delegation); null for none. */
  subject: string | null;
  /** `aud`; null means the token URL. */
  audience: string | null;
  /** Scopes as a `scope` claim in the assertion (Google) or as the `scope` parameter (RFC 7521 §4.1). */
  scopeIn: "claim" | "param";
}
export type TokenBodyFormat = "form" | "json";
export type ScopeSeparator = " " | ",";

export interface OAuthClientConfig {
  grantType: GrantType;
  authUrl: string | null;
  tokenUrl: string;
  /** Where refresh requests go; null means the token URL. */
  refreshUrl: string | null;
  /** RFC 7009 endpoint; null when the vendor offers none. */
  revocationUrl: string | null;
  clientId: string;
  /** null for a public client (RFC 6749 §2.1). */
  clientSecret: string | null;
  scopes: string[];
  scopeSeparator: ScopeSeparator;
  /** RFC 6749 §2.3.1: HTTP Basic (recommended) or credentials in the request body. */
  clientAuth: ClientAuthMethod;
  /** RFC 7636 PKCE with S256 on the authorization-code flow. */
  usePkce: boolean;
  /** Send `scope` on refresh (RFC 6749 §6 makes it optional; Microsoft Entra wants it). */
  refreshIncludesScope: boolean;
  /** "form" per RFC 6749 §4.1.3; "json" for vendors such as Notion. */
  tokenBodyFormat: TokenBodyFormat;
  extras: { auth: RequestExtras; token: RequestExtras; refresh: RequestExtras };
  /** OAuth issuer identifier (RFC 8414 §2); when set, the redirect's `iss` must equal it (RFC 9207 §2.4). */
  issuer?: string | null;
  /** The vendor always sends `iss` on the redirect (RFC 9207 §3): a redirect without it is refused. */
  requireIss?: boolean;
  /** Dotted path to the object holding access_token in token responses (Slack user tokens: "authed_user"). */
  accessTokenPath?: string | null;
  /** The key for private_key_jwt and JWT bearer; null (or absent) when the connector has none. */
  signingKey?: SigningKey | null;
  /** Settings of the JWT bearer grant; absent for other grants. */
  jwtBearer?: JwtBearerSettings | null;
  /** `grant_type` sent by the client-credentials grant: "client_credentials", or a vendor's own (Zoom "account_credentials"). */
  grantTypeValue?: string;
}

export type Grant =
  | { type: "authorization_code"; code: string; redirectUri: string; codeVerifier: string | null }
  | { type: "client_credentials" }
  | { type: "jwt_bearer" }
  | { type: "refresh_token"; refreshToken: string };

/** Signed JWTs for one request (request-assertions.ts signs them; building a request stays synchronous). Secret. */
export interface RequestAssertions {
  /** RFC 7523 §2.2 `client_assertion`, when the client authenticates with private_key_jwt. */
  client?: string;
  /** RFC 7523 §2.1 `assertion` of the JWT bearer grant. */
  grant?: string;
}

/** What the vendor granted, normalised. Contains secrets: never log or send it to a browser. */
export interface TokenSet {
  accessToken: string;
  /** As the vendor sent it ("Bearer", "bearer", "bot"…); null when absent. Compare case-insensitively. */
  tokenType: string | null;
  /** From expires_in (number or numeric string), else the JWT `exp` claim, else null (unknown expiry). */
  expiresAt: Date | null;
  /** null = the vendor sent none; the caller keeps the refresh token it already has (SECURITY 22). */
  refreshToken: string | null;
  /** Granted scopes, split on spaces or commas; null when the vendor did not say. */
  scopes: string[] | null;
  /**
   * When the refresh token stops working, from `refresh_token_expires_in` (Box, Xero, GitHub
   * apps) or QuickBooks' `x_refresh_token_expires_in`; null when the vendor did not say.
   */
  refreshTokenExpiresAt?: Date | null;
  /** Every other non-secret field (instance_url, realmId…); never tokens, secrets or codes. */
  extra: Record<string, unknown>;
}

export type OAuthErrorCode =
  | "invalid_grant"
  | "invalid_client"
  | "invalid_scope"
  | "unauthorized_client"
  | "access_denied"
  | "server_error"
  | "temporarily_unavailable"
  | "network"
  | "timeout"
  | "malformed_response"
  | "invalid_request"
  | "unsupported_grant_type"
  | "blocked_address"
  /** A 401 or 403 without an OAuth error body (a WAF or proxy, usually). */
  | "http_error";

export interface OAuthError {
  code: OAuthErrorCode;
  /** Safe and human: says what happened and what the admin should do. */
  message: string;
  /** The raw `error` string from the vendor, e.g. "bad_verification_code" (redacted). */
  vendorError: string | null;
  /** The vendor's error_description (redacted, at most 300 characters). */
  description: string | null;
  httpStatus: number | null;
  /** At most 300 characters of the response body, secrets redacted. */
  excerpt: string | null;
  /** Transient (failureClassOf): network errors, timeouts, 5xx, 429, unreadable bodies, bare 401/403 (SECURITY 24). */
  retryable: boolean;
  /** From Retry-After (seconds or HTTP date), when the vendor sent one. */
  retryAfterSeconds: number | null;
}

export type TokenResult = { ok: true; token: TokenSet } | { ok: false; error: OAuthError };

/** An HTTP request to a token, refresh or revocation endpoint, ready to send. */
export interface TokenRequest {
  url: string;
  method: "POST";
  /** Lowercase header names. */
  headers: Record<string, string>;
  body: string;
}

/** What a sender hands back. Header names in any case. */
export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Sends a built request; the app passes the guarded outbound request (lib/http/guarded-fetch.ts). */
export type Send = (request: TokenRequest) => Promise<HttpResponse>;

/** Alias of TokenRequest, for callers that name the transport's types. */
export type TokenHttpRequest = TokenRequest;
/** Alias of HttpResponse, for callers that name the transport's types. */
export type TokenHttpResponse = HttpResponse;
