/**
 * The client assertion of Signed JWT client authentication, "private_key_jwt" (RFC 7523 §2.2
 * and §3, OIDC Core §9): the client proves it holds the private key instead of sending a secret.
 *
 * Claims: `iss` = `sub` = the client id; `aud` = the token endpoint URL (RFC 7523 §3 names it
 * as an audience the server must accept; Okta and oidc-provider do, for the revocation endpoint
 * too); `jti` random and never reused, so a server that remembers jti values refuses a replay;
 * `iat` now and `exp` 60 seconds later, so an assertion that leaks is soon worthless
 * (SECURITY 44). Header: `alg` from the connector, `kid` when the connector names one.
 * A new assertion is signed for every request: token, refresh and revocation alike.
 */
import { randomUUID } from "node:crypto";
import { AssertionError, signJwt } from "./signing-key";
import type { OAuthClientConfig } from "./types";

export const CLIENT_ASSERTION_LIFETIME_SECONDS = 60;

export async function signClientAssertion(config: Pick<OAuthClientConfig, "clientId" | "tokenUrl" | "signingKey">, now: Date): Promise<string> {
  if (!config.signingKey)
    throw new AssertionError(
      "Signed JWT (private_key_jwt) client authentication needs a private key: paste one, or generate a key pair on the connector page.",
    );
  if (config.clientId === "")
    throw new AssertionError("Signed JWT (private_key_jwt) client authentication needs the Client ID: it is the assertion's issuer and subject.");
  const iat = Math.floor(now.getTime() / 1000);
  return signJwt(config.signingKey, {
    iss: config.clientId,
    sub: config.clientId,
    aud: config.tokenUrl,
    jti: randomUUID(),
    iat,
    exp: iat + CLIENT_ASSERTION_LIFETIME_SECONDS,
  });
}
