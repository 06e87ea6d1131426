/**
 * Signs what a token, refresh or revocation request needs before it is built: the JWT bearer
 * grant's assertion, and the client assertion when the client authenticates with
 * private_key_jwt. Signing is asynchronous (Web Crypto), building stays synchronous, so
 * token-client.ts signs first and hands the strings to buildTokenRequest / buildRevocationRequest.
 *
 * A key that cannot sign is the client's problem, not the vendor's: it becomes an
 * `invalid_client` error that is not retried, with a message that says what to change.
 */
import { signClientAssertion } from "./client-assertion";
import { signJwtBearerAssertion } from "./jwt-bearer-assertion";
import { AssertionError } from "./signing-key";
import type { Grant, OAuthClientConfig, OAuthError, RequestAssertions } from "./types";

export type SignedAssertions = { ok: true; assertions: RequestAssertions } | { ok: false; error: OAuthError };

export async function signRequestAssertions(config: OAuthClientConfig, request: Grant["type"] | "revocation", now: Date): Promise<SignedAssertions> {
  try {
    const assertions: RequestAssertions = {};
    if (request === "jwt_bearer") assertions.grant = await signJwtBearerAssertion(config, now);
    if (config.clientAuth === "private_key_jwt") assertions.client = await signClientAssertion(config, now);
    return { ok: true, assertions };
  } catch (error) {
    if (!(error instanceof AssertionError)) throw error;
    return { ok: false, error: assertionFailure(error.message) };
  }
}

function assertionFailure(message: string): OAuthError {
  return { code: "invalid_client", message, vendorError: null, description: null, httpStatus: null, excerpt: null, retryable: false, retryAfterSeconds: null };
}
