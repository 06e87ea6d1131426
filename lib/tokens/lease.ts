/**
 * A per-connector lease row on the token (SECURITY 21): whoever sets `leaseOwner` with a
 * conditional update is the only one talking to the vendor for that connector until it
 * releases the lease or the lease times out (a crashed process cannot block refreshes forever).
 */
import { randomUUID } from "node:crypto";
import type { Db } from "../db";

export const LEASE_TTL_MS = 30_000;

export async function tryAcquireLease(db: Db, connectorId: string, now = new Date()): Promise<string | null> {
  const owner = randomUUID();
  const taken = await db.token.updateMany({
    where: { connectorId, OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] },
    data: { leaseOwner: owner, leaseUntil: new Date(now.getTime() + LEASE_TTL_MS) },
  });
  return taken.count === 1 ? owner : null;
}

export async function releaseLease(db: Db, connectorId: string, owner: string): Promise<void> {
  await db.token.updateMany({ where: { connectorId, leaseOwner: owner }, data: { leaseOwner: null, leaseUntil: null } });
}

/** Waits until nobody holds the lease (or it expires), polling the database. */
export async function waitForLeaseRelease(db: Db, connectorId: string, timeoutMs = LEASE_TTL_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let delay = 50;
  while (Date.now() < deadline) {
    const row = await db.token.findUnique({ where: { connectorId }, select: { leaseUntil: true } });
    if (!row?.leaseUntil || row.leaseUntil < new Date()) return;
    await new Promise((resolve) => setTimeout(resolve, delay));
    delay = Math.min(delay * 2, 500);
  }
}
