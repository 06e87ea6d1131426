/**
 * Build, send, parse: the one call the token lifecycle code makes. `send` is injected so this
 * stays pure; the app passes the guarded outbound request (lib/http/guarded-fetch.ts), tests
 * may pass anything. A thrown `send` becomes a network, timeout or blocked_address error.
 *
 * The grant's own secrets (code, verifier, refresh token), the client secret and the Basic
 * credentials are redacted from every excerpt and description without the caller listing them.
 */
import { classifyOutboundError } from "./outbound-errors";
import { buildRevocationRequest, parseRevocationResponse, type RevocationResult, type TokenTypeHint } from "./revocation";
import { buildTokenRequest } from "./token-request";
import { parseTokenResponse, type ParseOptions } from "./token-response";
import type { Grant, HttpResponse, OAuthClientConfig, Send, TokenResult } from "./types";

export interface RequestTokenOptions extends ParseOptions {
  /** Clock for expiry and Retry-After; read when the response arrives. */
  now?: () => Date;
}

export async function requestToken(config: OAuthClientConfig, grant: Grant, send: Send, options: RequestTokenOptions = {}): Promise<TokenResult> {
  const request = buildTokenRequest(config, grant);
  const secrets = [...secretsOf(config, grant), ...authorizationSecrets(request.headers), ...(options.secrets ?? [])];
  let response: HttpResponse;
  try {
    response = await send(request);
  } catch (error) {
    return { ok: false, error: classifyOutboundError(error) };
  }
  return parseTokenResponse(response, options.now?.() ?? new Date(), { tokenPath: options.tokenPath ?? config.accessTokenPath ?? null, secrets });
}

/**
 * Revokes a token (RFC 7009). `{ ok: true, skipped: true }` when the vendor has no revocation
 * endpoint; the caller deletes the stored token either way.
 */
export async function revokeToken(
  config: OAuthClientConfig,
  token: string,
  hint: TokenTypeHint | null,
  send: Send,
  options: { now?: () => Date } = {},
): Promise<RevocationResult & { skipped: boolean }> {
  const request = buildRevocationRequest(config, token, hint);
  if (!request) return { ok: true, skipped: true };
  let response: HttpResponse;
  try {
    response = await send(request);
  } catch (error) {
    return { ok: false, error: classifyOutboundError(error), skipped: false };
  }
  const secrets = [token, ...(config.clientSecret ? [config.clientSecret] : []), ...authorizationSecrets(request.headers)];
  return { ...parseRevocationResponse(response, options.now?.() ?? new Date(), secrets), skipped: false };
}

/** The Basic header and its base64 credentials, which decode to the client secret. */
function authorizationSecrets(headers: Record<string, string>): string[] {
  const value = headers.authorization;
  if (!value) return [];
  const credentials = value.replace(/^\S+\s+/, "");
  return credentials === value ? [value] : [value, credentials];
}

function secretsOf(config: OAuthClientConfig, grant: Grant): string[] {
  const secrets = config.clientSecret ? [config.clientSecret] : [];
  if (grant.type === "authorization_code") secrets.push(grant.code, ...(grant.codeVerifier ? [grant.codeVerifier] : []));
  if (grant.type === "refresh_token") secrets.push(grant.refreshToken);
  return secrets;
}
