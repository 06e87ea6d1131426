/**
 * The token row as a flight reads it (with the connector's state and refresh-token lifetimes),
 * and the two views of it a flight needs: the freshness input (freshness.ts) and the stored
 * token as a caller's result.
 */
import type { Db } from "../db";
import { obtainsWithoutBrowser } from "../oauth/grants";
import type { FlightContext, FreshToken } from "./flight";
import type { FreshnessInput } from "./freshness";
import { earliest, openToken, type TokenRow } from "./token-store";

export const tokenRow = (db: Db, connectorId: string) =>
  db.token.findUnique({
    where: { connectorId },
    include: { connector: { select: { grantType: true, state: true, refreshTokenIdleDays: true, refreshTokenMaxDays: true } } },
  });
export type FlightRow = NonNullable<Awaited<ReturnType<typeof tokenRow>>>;

export function freshnessOf(row: FlightRow): FreshnessInput {
  return {
    ...row,
    hasAccessToken: row.accessTokenEnc !== null,
    hasRefreshToken: row.refreshTokenEnc !== null,
    clientCredentials: obtainsWithoutBrowser(row.connector.grantType),
  };
}

/** The stored access token as a result, when one is held and has not expired. */
export function storedTokenResult(ctx: Pick<FlightContext, "config">, row: TokenRow, now = new Date()): FreshToken | null {
  if (row.accessTokenEnc === null || (row.expiresAt && row.expiresAt <= now)) return null;
  const stored = openToken(ctx.config.keyRing, row);
  if (stored.accessToken === null) return null;
  const renewAt = earliest(row.refreshDueAt, row.keepAliveAt);
  return {
    ok: true,
    accessToken: stored.accessToken,
    tokenType: stored.tokenType,
    expiresAt: stored.expiresAt,
    version: stored.version,
    refreshed: false,
    shared: false,
    refreshTokenRotated: false,
    eventId: null,
    renewAt,
  };
}
