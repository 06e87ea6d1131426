/**
 * The assertion of the JWT bearer grant (RFC 7523 §2.1 and §3): a service account asks for a
 * token with a JWT it signed, and no browser. Google service accounts (with domain-wide
 * delegation), Docusign's JWT Grant and others.
 *
 * Claims: `iss` the JWT Issuer (Google: the service account's client_email); `sub` the JWT
 * Subject, the user to act as, left out when empty; `aud` the JWT Audience, or the token
 * endpoint URL when none is set (§3 allows either; Docusign wants its host name); `iat` now,
 * `exp` five minutes later (Google allows at most an hour; short limits what a leaked assertion
 * is worth, SECURITY 44); `jti` random. Scopes go in a `scope` claim, space-separated, when the
 * connector says so (Google), and otherwise as the request's `scope` parameter (RFC 7521 §4.1,
 * token-request.ts).
 */
import { randomUUID } from "node:crypto";
import { AssertionError, signJwt } from "./signing-key";
import type { OAuthClientConfig } from "./types";

export const JWT_BEARER_LIFETIME_SECONDS = 5 * 60;

export async function signJwtBearerAssertion(config: Pick<OAuthClientConfig, "tokenUrl" | "scopes" | "signingKey" | "jwtBearer">, now: Date): Promise<string> {
  if (!config.signingKey) throw new AssertionError("The JWT Bearer grant needs the private key that signs its assertion: paste the service account's key.");
  const settings = config.jwtBearer;
  if (!settings || settings.issuer === "") throw new AssertionError("The JWT Bearer grant needs a JWT Issuer: the service account that signs the assertion.");
  const iat = Math.floor(now.getTime() / 1000);
  return signJwt(config.signingKey, {
    iss: settings.issuer,
    ...(settings.subject ? { sub: settings.subject } : {}),
    aud: settings.audience || config.tokenUrl,
    iat,
    exp: iat + JWT_BEARER_LIFETIME_SECONDS,
    jti: randomUUID(),
    ...(settings.scopeIn === "claim" && config.scopes.length > 0 ? { scope: config.scopes.join(" ") } : {}),
  });
}
