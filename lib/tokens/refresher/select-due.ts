/**
 * Which connectors the background refresher renews now: the connector is enabled (not
 * disconnected), the token is due (its renewal time or expiry passed, a keep-alive for an
 * idle-expiring refresh token is due, or a client-credentials connector has none yet), nothing
 * stopped retries (not "needs re-authorization"; every other failing status is retried), the
 * backoff allows it (nextAttemptAt empty or past), it can be renewed (a refresh token that has
 * not expired, or the client credentials grant), and no live lease shows another instance at it
 * already (an expired lease is taken over). Most overdue first.
 */
import type { Db, Prisma } from "../../db";
import { CONNECTOR_STATE, STORED_STATUS } from "../status";
import { NON_INTERACTIVE_GRANTS } from "../../oauth/grants";

export function dueTokensWhere(now: Date): Prisma.TokenWhereInput {
  const clientCredentials: Prisma.TokenWhereInput = { connector: { is: { grantType: { in: [...NON_INTERACTIVE_GRANTS] } } } };
  return {
    status: { not: STORED_STATUS.needsReauth },
    connector: { is: { state: CONNECTOR_STATE.enabled } },
    AND: [
      { OR: [{ refreshDueAt: { lte: now } }, { expiresAt: { lte: now } }, { keepAliveAt: { lte: now } }, { accessTokenEnc: null }] },
      { OR: [{ nextAttemptAt: null }, { nextAttemptAt: { lte: now } }] },
      { OR: [{ refreshTokenEnc: { not: null }, OR: [{ refreshTokenExpiresAt: null }, { refreshTokenExpiresAt: { gt: now } }] }, clientCredentials] },
      { OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] },
    ],
  };
}

export async function selectDueConnectors(db: Db, now: Date, limit: number): Promise<string[]> {
  const rows = await db.token.findMany({
    where: dueTokensWhere(now),
    orderBy: [{ refreshDueAt: { sort: "asc", nulls: "first" } }, { expiresAt: "asc" }, { connectorId: "asc" }],
    take: limit,
    select: { connectorId: true },
  });
  return rows.map((row) => row.connectorId);
}
