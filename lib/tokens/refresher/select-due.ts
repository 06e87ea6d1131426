/**
 * Which connectors the background refresher renews now: the token is due (refreshDueAt passed,
 * or it expired), nothing stopped retries (not "needs re-authorization", not a configuration
 * "error"), the backoff allows it (nextAttemptAt empty or past), it can be renewed (a refresh
 * token is held, or the grant is client credentials), and no live lease shows another instance
 * at it already (an expired lease is taken over). Most overdue first.
 */
import type { Db, Prisma } from "../../db";
import { STORED_STATUS } from "../status";

export function dueTokensWhere(now: Date): Prisma.TokenWhereInput {
  return {
    status: { notIn: [STORED_STATUS.needsReauth, "error"] },
    AND: [
      { OR: [{ refreshDueAt: { lte: now } }, { expiresAt: { lte: now } }] },
      { OR: [{ nextAttemptAt: null }, { nextAttemptAt: { lte: now } }] },
      { OR: [{ refreshTokenEnc: { not: null } }, { connector: { is: { grantType: "client_credentials" } } }] },
      { OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] },
    ],
  };
}

export async function selectDueConnectors(db: Db, now: Date, limit: number): Promise<string[]> {
  const rows = await db.token.findMany({
    where: dueTokensWhere(now),
    orderBy: [{ refreshDueAt: "asc" }, { expiresAt: "asc" }, { connectorId: "asc" }],
    take: limit,
    select: { connectorId: true },
  });
  return rows.map((row) => row.connectorId);
}
