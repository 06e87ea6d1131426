/**
 * The pure OAuth 2.0 protocol layer: builds authorization URLs and token, refresh and
 * revocation requests, parses token responses and classifies failures. No database, no React,
 * no Next, no I/O of its own: requests are sent by an injected `send` (the app passes the
 * guarded outbound request from lib/http/guarded-fetch.ts).
 *
 * What comes from oauth4webapi, and why the rest is hand-written: the random PKCE
 * code_verifier and the `state` value come from its `generateRandomCodeVerifier` and
 * `generateRandomState` (Web Crypto CSPRNG, 256 bits, base64url); its
 * `calculatePKCECodeChallenge` is the reference our synchronous S256 challenge is tested
 * against. Everything else is written here because oauth4webapi is deliberately strict and
 * does its own I/O: its grant functions perform the fetch themselves (we must build a plain
 * request and send it through the SSRF guard, and tests compare exact bytes), only ever
 * form-encode the body (Notion needs JSON), and its ClientSecretBasic percent-encodes
 * `-._~!*'()` too, which servers that skip form-decoding reject for ordinary ids and secrets.
 * Its response processing requires HTTP 200, `application/json`, a `token_type`, and treats
 * a body `error` on 200 (GitHub), `ok: false` (Slack), form-encoded bodies, nested tokens and
 * HTML error pages as generic parse failures; here each of those has a defined outcome and a
 * stable error class (see VENDOR-QUIRKS.md and error-classification.ts).
 *
 * Signed JWTs (private_key_jwt client assertions, JWT bearer grants) are signed with `jose`, a
 * well-kept JOSE library, never by hand (signing-key.ts).
 */
export type {
  ClientAuthMethod,
  Grant,
  JwtBearerSettings,
  SigningAlgorithm,
  SigningKey,
  GrantType,
  HttpResponse,
  KeyValue,
  OAuthClientConfig,
  OAuthError,
  OAuthErrorCode,
  RequestAssertions,
  RequestExtras,
  ScopeSeparator,
  Send,
  TokenBodyFormat,
  TokenHttpRequest,
  TokenHttpResponse,
  TokenRequest,
  TokenResult,
  TokenSet,
} from "./types";
export { buildAuthorizationUrl, type AuthorizationRequest } from "./authorization-url";
export { createPkce, createState, pkceChallenge, PKCE_METHOD, type PkcePair } from "./pkce";
export { basicAuthorization, CLIENT_ASSERTION_TYPE, formUrlEncode } from "./client-authentication";
export { CLIENT_ASSERTION_LIFETIME_SECONDS, signClientAssertion } from "./client-assertion";
export { JWT_BEARER_LIFETIME_SECONDS, signJwtBearerAssertion } from "./jwt-bearer-assertion";
export { AssertionError, parsePrivateKey, readSigningKey } from "./signing-key";
export { signRequestAssertions, type SignedAssertions } from "./request-assertions";
export { buildTokenRequest, FORM_CONTENT_TYPE, JSON_CONTENT_TYPE } from "./token-request";
export { RESERVED_AUTH_PARAMS, RESERVED_HEADERS, RESERVED_TOKEN_PARAMS } from "./request-extras";
export { errorFromResponse, parseTokenResponse, type ParseOptions } from "./token-response";
export { buildRevocationRequest, parseRevocationResponse, type RevocationResult, type TokenTypeHint } from "./revocation";
export { classifyVendorError, FAILURE_CLASSES, failureClassOf, RETRYABLE, statusClass, VENDOR_ERRORS, type FailureClass } from "./error-classification";
export { classifyOutboundError, OUTBOUND_CLASSES } from "./outbound-errors";
export { expiresAtOf, jwtExpiry, MAX_LIFETIME_SECONDS } from "./expiry";
export { parseRetryAfter } from "./retry-after";
export { excerptOf, redact, REDACTED } from "./redaction";
export { requestToken, revokeToken, type RequestTokenOptions } from "./token-client";
export { grantTypeOf, JWT_BEARER_GRANT_TYPE, NON_INTERACTIVE_GRANTS, obtainsWithoutBrowser } from "./grants";
