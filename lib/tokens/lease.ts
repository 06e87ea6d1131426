/**
 * A per-connector lease on the token row (SECURITY 21): whoever sets `leaseOwner` with a
 * conditional update is the only one talking to the vendor for that connector until it writes
 * its result (which clears the lease in the same statement), releases it, or the lease times out
 * (a crashed process cannot block refreshes forever).
 *
 * Taking over an expired lease is reported (`tookOverFrom`): its owner died or stalled in the
 * middle of a refresh, and may have spent a single-use refresh token at the vendor already.
 * Lease times are compared with this process's clock; instances must keep their clocks in sync
 * (NTP) to well under the lease TTL.
 */
import { randomUUID } from "node:crypto";
import type { Db } from "../db";

export const DEFAULT_LEASE_TTL_MS = 30_000;

export interface Lease {
  connectorId: string;
  owner: string;
  /** The owner of the expired lease this one replaced, or null when the lease was free. */
  tookOverFrom: string | null;
  /** Set once the lease was cleared by a conditional write, so nothing needs releasing. */
  released: boolean;
  /** When another instance may take the lease over. */
  expiresAt: Date;
}

/** One conditional update; null when another owner holds an unexpired lease (or there is no token row). */
export async function tryAcquireLease(db: Db, connectorId: string, ttlMs: number, now = new Date()): Promise<Lease | null> {
  const row = await db.token.findUnique({ where: { connectorId }, select: { leaseOwner: true, leaseUntil: true } });
  if (!row) return null;
  if (row.leaseOwner !== null && row.leaseUntil !== null && row.leaseUntil >= now) return null;
  const owner = randomUUID();
  // Compare-and-set on what was read: a free lease stays free, an expired one keeps its owner.
  const where =
    row.leaseOwner === null
      ? { connectorId, leaseOwner: null }
      : { connectorId, leaseOwner: row.leaseOwner, OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] };
  const taken = await db.token.updateMany({ where, data: { leaseOwner: owner, leaseUntil: new Date(now.getTime() + ttlMs) } });
  return taken.count === 1 ? { connectorId, owner, tookOverFrom: row.leaseOwner, released: false, expiresAt: new Date(now.getTime() + ttlMs) } : null;
}

export async function releaseLease(db: Db, lease: Lease): Promise<void> {
  if (lease.released) return;
  await db.token.updateMany({ where: { connectorId: lease.connectorId, leaseOwner: lease.owner }, data: { leaseOwner: null, leaseUntil: null } });
  lease.released = true;
}

/** Waits until nobody holds the lease, it expires, or `deadline` (epoch ms) passes, polling the database. */
export async function waitForLease(db: Db, connectorId: string, deadline: number): Promise<void> {
  let delay = 25;
  while (Date.now() < deadline) {
    const row = await db.token.findUnique({ where: { connectorId }, select: { leaseOwner: true, leaseUntil: true } });
    if (!row || row.leaseOwner === null || !row.leaseUntil || row.leaseUntil < new Date()) return;
    await new Promise((resolve) => setTimeout(resolve, Math.min(delay, Math.max(0, deadline - Date.now()))));
    delay = Math.min(delay * 2, 250);
  }
}

/**
 * For an admin's change to the stored tokens (Disconnect, an edit that drops them): the lease,
 * waiting out a refresh in flight (bounded by the lease's own expiry), so that refresh stores
 * its result first and the newest token is the one acted on. Null when there is no token row.
 */
export async function takeLeaseWaiting(db: Db, connectorId: string, leaseTtlMs: number): Promise<Lease | null> {
  const deadline = Date.now() + leaseTtlMs + 5_000;
  for (;;) {
    const lease = await tryAcquireLease(db, connectorId, leaseTtlMs);
    if (lease) return lease;
    const row = await db.token.findUnique({ where: { connectorId }, select: { id: true } });
    if (!row || Date.now() > deadline) return null;
    await waitForLease(db, connectorId, deadline);
  }
}
