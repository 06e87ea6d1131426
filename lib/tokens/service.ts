/**
 * Getting and refreshing tokens on an admin's request: `Get token` (client credentials) and
 * `Refresh now`. Both run through the same single flight as sync workers and the background
 * refresher (fresh-token.ts): one vendor call per connector at a time across instances, callers
 * that arrive meanwhile share its result, a failed call never changes the stored credentials,
 * and every attempt is an event (SECURITY 21–24, 26).
 */
import { obtainsWithoutBrowser } from "../oauth/grants";
import type { Config } from "../env";
import type { Db } from "../db";
import { DomainError } from "../errors";
import type { Actor } from "../events";
import { loadOAuthClient } from "../connectors/oauth-client";
import { ensureFreshToken, requireStoredToken, startFlight, type FreshTokenResult } from "./fresh-token";
import type { TokenFailure } from "./token-failure";

export { ensureFreshToken, type EnsureOptions, type FreshToken, type FreshTokenFailure, type FreshTokenResult } from "./fresh-token";

export type TokenActionOutcome =
  { ok: true; eventId: string; refreshTokenRotated: boolean; shared: boolean } | { ok: false; eventId: string; error: TokenFailure };

function outcomeOf(result: FreshTokenResult): TokenActionOutcome {
  requireStoredToken(result);
  return result.ok
    ? { ok: true, eventId: result.eventId ?? "", refreshTokenRotated: result.refreshTokenRotated, shared: result.shared }
    : { ok: false, eventId: result.eventId ?? "", error: result.error };
}

/** `Get token`: runs the client credentials grant (RFC 6749 §4.4). */
export async function obtainClientCredentialsToken(db: Db, config: Config, actor: Actor, connectorId: string): Promise<TokenActionOutcome> {
  const client = await loadOAuthClient(db, config.keyRing, connectorId);
  if (!obtainsWithoutBrowser(client.config.grantType)) throw new DomainError("INVALID_STATE", "This connector uses Authorization Code: use Authorize.");
  return outcomeOf(await startFlight(db, config, connectorId, "obtain", { actor }));
}

/**
 * `Refresh now`: the refresh_token grant (RFC 6749 §6). Client Credentials connectors without
 * a refresh token simply run their grant again.
 */
export async function refreshNow(db: Db, config: Config, actor: Actor, connectorId: string): Promise<TokenActionOutcome> {
  return outcomeOf(await ensureFreshToken(db, config, connectorId, { force: true, actor }));
}
