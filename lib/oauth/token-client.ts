/**
 * Sign, build, send, parse: the one call the token lifecycle code makes. `send` is injected so
 * this stays pure; the app passes the guarded outbound request (lib/http/guarded-fetch.ts), tests
 * may pass anything. A thrown `send` becomes a network, timeout or blocked_address error.
 *
 * Signed JWTs (a JWT bearer assertion, a private_key_jwt client assertion) are made first, fresh
 * for every request (request-assertions.ts); a key that cannot sign ends the call before
 * anything is sent.
 *
 * The grant's own secrets (code, verifier, refresh token, assertions), the client secret, the
 * private key, the values of secret extras and the Basic credentials are redacted from every
 * excerpt and description without the caller listing them (SECURITY 42, 44).
 */
import { classifyOutboundError } from "./outbound-errors";
import { signRequestAssertions } from "./request-assertions";
import { buildRevocationRequest, parseRevocationResponse, type RevocationResult, type TokenTypeHint } from "./revocation";
import { buildTokenRequest } from "./token-request";
import { parseTokenResponse, type ParseOptions } from "./token-response";
import type { Grant, HttpResponse, OAuthClientConfig, RequestAssertions, Send, TokenResult } from "./types";

export interface RequestTokenOptions extends ParseOptions {
  /** Clock for the assertions' iat/exp, expiry and Retry-After; read when signing and when the response arrives. */
  now?: () => Date;
}

export async function requestToken(config: OAuthClientConfig, grant: Grant, send: Send, options: RequestTokenOptions = {}): Promise<TokenResult> {
  const signed = await signRequestAssertions(config, grant.type, options.now?.() ?? new Date());
  if (!signed.ok) return signed;
  const request = buildTokenRequest(config, grant, signed.assertions);
  const secrets = [...secretsOf(config, grant, signed.assertions), ...authorizationSecrets(request.headers), ...(options.secrets ?? [])];
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
  if (!config.revocationUrl) return { ok: true, skipped: true };
  const signed = await signRequestAssertions(config, "revocation", options.now?.() ?? new Date());
  if (!signed.ok) return { ok: false, error: signed.error, skipped: false };
  const request = buildRevocationRequest(config, token, hint, signed.assertions);
  if (!request) return { ok: true, skipped: true };
  let response: HttpResponse;
  try {
    response = await send(request);
  } catch (error) {
    return { ok: false, error: classifyOutboundError(error), skipped: false };
  }
  const secrets = [token, ...configSecrets(config), ...assertionSecrets(signed.assertions), ...authorizationSecrets(request.headers)];
  return { ...parseRevocationResponse(response, options.now?.() ?? new Date(), secrets), skipped: false };
}

/** The Basic header and its base64 credentials, which decode to the client secret. */
function authorizationSecrets(headers: Record<string, string>): string[] {
  const value = headers.authorization;
  if (!value) return [];
  const credentials = value.replace(/^\S+\s+/, "");
  return credentials === value ? [value] : [value, credentials];
}

function secretsOf(config: OAuthClientConfig, grant: Grant, assertions: RequestAssertions): string[] {
  const secrets = [...configSecrets(config), ...assertionSecrets(assertions)];
  if (grant.type === "authorization_code") secrets.push(grant.code, ...(grant.codeVerifier ? [grant.codeVerifier] : []));
  if (grant.type === "refresh_token") secrets.push(grant.refreshToken);
  return secrets;
}

function assertionSecrets(assertions: RequestAssertions): string[] {
  return [assertions.client, assertions.grant].filter((value): value is string => Boolean(value));
}

/** What the connector holds in secret: the client secret, the private key, secret extras' values. */
function configSecrets(config: OAuthClientConfig): string[] {
  const secrets = config.clientSecret ? [config.clientSecret] : [];
  if (config.signingKey) secrets.push(...privateKeySecrets(config.signingKey.privateKey));
  for (const request of [config.extras.auth, config.extras.token, config.extras.refresh]) {
    for (const row of [...request.headers, ...request.params]) if (row.secret && row.value !== "") secrets.push(row.value);
  }
  return secrets;
}

/** The key text, and for a JWK its private members one by one (RFC 7518 §6.2.2, §6.3.2). */
function privateKeySecrets(privateKey: string): string[] {
  const secrets = [privateKey];
  try {
    const jwk: unknown = JSON.parse(privateKey);
    if (jwk !== null && typeof jwk === "object") {
      for (const member of ["d", "p", "q", "dp", "dq", "qi"]) {
        const value = (jwk as Record<string, unknown>)[member];
        if (typeof value === "string" && value !== "") secrets.push(value);
      }
    }
  } catch {
    // PEM: the text itself is the secret.
  }
  return secrets;
}
