/**
 * The hot path's view of a connector's token: what ensureFreshToken (lib/tokens) handed out in
 * the last TOKEN_CACHE_MS, so a busy worker does not cost a database read and a decryption per
 * request. A cached token is used only before its planned renewal time (`renewAt`) and while it
 * is more than 5 s from expiry; past that, or after TOKEN_CACHE_MS, ensureFreshToken decides
 * again (and renews in one flight). A stored token handed out because its renewal failed stays
 * cached for TOKEN_CACHE_MS too: the backoff, not the cache, decides when the vendor is called.
 * So a renewal starts at most TOKEN_CACHE_MS after the token became due, never after it expired,
 * and a token another instance rotated is picked up within TOKEN_CACHE_MS, or at once when the
 * vendor answers 401 (forward.ts bypasses the cache then).
 *
 * A worker's `min_ttl` is a promise about the token's remaining life, so a cached token that
 * expires sooner than asked is never handed out: ensureFreshToken decides (and renews) then.
 */
import type { Config } from "../env";
import type { Db } from "../db";
import type { Actor } from "../events";
import { cacheFor } from "../api-keys/ttl-cache";
import { ensureFreshToken, type FreshToken } from "../tokens/service";
import { tokenFailureError } from "./token-errors";
import { forgetConnectorAccess } from "./access";

export const TOKEN_CACHE_MS = 2_000;
const MIN_MARGIN_MS = 5_000;

const tokenCache = (db: Db) => cacheFor<string, FreshToken>(db, "proxy.token", TOKEN_CACHE_MS);

/** ensureFreshToken, failing with the machine API's error; refreshes the cache. */
export async function freshToken(db: Db, config: Config, connectorId: string, actor: Actor, force = false, minTtlMs = 0): Promise<FreshToken> {
  const result = await ensureFreshToken(db, config, connectorId, { actor, force, minTtlMs });
  if (!result.ok) throw tokenFailureError(result.error);
  tokenCache(db).set(connectorId, result);
  return result;
}

/**
 * After an admin's edit (a new API key, other auth settings): this process hands out nothing
 * cached from before it. Other instances notice within TOKEN_CACHE_MS and CONNECTOR_CACHE_MS.
 */
export function forgetCachedConnector(db: Db, connectorId: string): void {
  tokenCache(db).delete(connectorId);
  forgetConnectorAccess(db, connectorId);
}

/** `minTtlMs`: the token must stay valid at least this long (a worker's `min_ttl`); 0 for no wish. */
export async function cachedToken(db: Db, config: Config, connectorId: string, actor: Actor, minTtlMs = 0): Promise<FreshToken> {
  const cached = tokenCache(db).get(connectorId);
  const now = Date.now();
  if (cached && stillUsable(cached, now) && lastsFor(cached, minTtlMs, now)) return cached;
  return freshToken(db, config, connectorId, actor, false, minTtlMs);
}

/** The same test as freshness.ts decide(): a token without a known expiry satisfies any min_ttl. */
function lastsFor(token: FreshToken, minTtlMs: number, now: number): boolean {
  return minTtlMs <= 0 || !token.expiresAt || token.expiresAt.getTime() - now >= minTtlMs;
}

function stillUsable(token: FreshToken, now: number): boolean {
  if (token.expiresAt && token.expiresAt.getTime() - now <= MIN_MARGIN_MS) return false;
  return token.renewalFailure !== undefined || !token.renewAt || token.renewAt.getTime() > now;
}
