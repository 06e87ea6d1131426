/**
 * Getting and refreshing tokens on an admin's request: `Get token` (client credentials) and
 * `Refresh now`. One vendor call per connector at a time (lease); a failed call never changes
 * the stored credentials; every attempt is an event (SECURITY 21–24, 26).
 */
import type { Config } from "../env";
import type { Db } from "../db";
import { DomainError } from "../errors";
import { recordEvent, type Actor } from "../events";
import { newId } from "../ids";
import { requestToken, type Grant, type OAuthError } from "../oauth";
import { loadOAuthClient } from "../connectors/oauth-client";
import { failureEvent } from "./failure-event";
import { statusAfterFailure } from "./failure-status";
import { releaseLease, tryAcquireLease, waitForLeaseRelease } from "./lease";
import { readStoredToken, recordTokenFailure, storeTokenSet } from "./token-store";
import { vendorTransport } from "./transport";

export type TokenActionOutcome = { ok: true; eventId: string; refreshTokenRotated: boolean; shared: boolean } | { ok: false; eventId: string; error: OAuthError };

async function runGrant(db: Db, config: Config, actor: Actor, connectorId: string, grant: Grant, eventType: string, readVersion: number | null): Promise<TokenActionOutcome> {
  const client = await loadOAuthClient(db, config.keyRing, connectorId);
  const result = await requestToken(client.config, grant, vendorTransport(config));
  if (!result.ok) {
    if (result.error.code === "invalid_grant" && readVersion !== null) {
      // SECURITY 23: another instance may have rotated the refresh token meanwhile; if so, use its result.
      const current = await db.token.findUnique({ where: { connectorId }, select: { version: true } });
      if (current && current.version !== readVersion) {
        const eventId = await recordEvent(db, actor, { connectorId, type: "token.refresh_shared", detail: { reason: "rotated by another process" } });
        return { ok: true, eventId, refreshTokenRotated: true, shared: true };
      }
    }
    const eventId = await db.$transaction(async (tx) => {
      await recordTokenFailure(tx, connectorId, result.error, statusAfterFailure(result.error));
      return recordEvent(tx, actor, failureEvent(connectorId, `${eventType}_failed`, result.error));
    });
    return { ok: false, eventId, error: result.error };
  }
  const eventId = newId();
  const written = await db.$transaction(async (tx) => {
    const stored = await storeTokenSet(tx, config.keyRing, connectorId, result.token);
    await recordEvent(tx, actor, {
      id: eventId,
      connectorId,
      type: eventType,
      detail: { grant: grant.type, refreshTokenReturned: Boolean(result.token.refreshToken), expiresAt: result.token.expiresAt, scopes: result.token.scopes },
    });
    return stored;
  });
  return { ok: true, eventId, refreshTokenRotated: written.refreshTokenRotated, shared: false };
}

/** `Get token`: runs the client credentials grant (RFC 6749 §4.4). */
export async function obtainClientCredentialsToken(db: Db, config: Config, actor: Actor, connectorId: string): Promise<TokenActionOutcome> {
  const client = await loadOAuthClient(db, config.keyRing, connectorId);
  if (client.config.grantType !== "client_credentials") throw new DomainError("INVALID_STATE", "This connector uses Authorization Code: use Authorize.");
  return withLease(db, connectorId, () => runGrant(db, config, actor, connectorId, { type: "client_credentials" }, "token.obtained", null));
}

/**
 * `Refresh now`: the refresh_token grant (RFC 6749 §6). Client Credentials connectors without
 * a refresh token simply run their grant again.
 */
export async function refreshNow(db: Db, config: Config, actor: Actor, connectorId: string): Promise<TokenActionOutcome> {
  const client = await loadOAuthClient(db, config.keyRing, connectorId);
  return withLease(db, connectorId, async () => {
    const stored = await readStoredToken(db, config.keyRing, connectorId);
    if (stored?.refreshToken) {
      return runGrant(db, config, actor, connectorId, { type: "refresh_token", refreshToken: stored.refreshToken }, "token.refreshed", stored.version);
    }
    if (client.config.grantType === "client_credentials") {
      return runGrant(db, config, actor, connectorId, { type: "client_credentials" }, "token.refreshed", null);
    }
    throw new DomainError("INVALID_STATE", stored ? "No refresh token is held: re-authorize the connector." : "Authorize the connector first.");
  });
}

/** Runs `work` while holding the connector's lease; callers that find it taken wait and share the result. */
async function withLease(db: Db, connectorId: string, work: () => Promise<TokenActionOutcome>): Promise<TokenActionOutcome> {
  const hasRow = (await db.token.count({ where: { connectorId } })) > 0;
  if (!hasRow) return work(); // nothing stored yet, so nothing to protect from a concurrent rotation
  const owner = await tryAcquireLease(db, connectorId);
  if (!owner) {
    await waitForLeaseRelease(db, connectorId);
    return { ok: true, eventId: "", refreshTokenRotated: false, shared: true };
  }
  try {
    return await work();
  } finally {
    await releaseLease(db, connectorId, owner);
  }
}
