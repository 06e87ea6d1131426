/**
 * Slows password guessing with exponential backoff, kept in the database so every instance
 * sees the same counts. Each key (a client address, or a client address with an email) gets a
 * few free failures; after that each further failure doubles the wait before the next attempt
 * under that key is even checked, up to a cap. There is no lock on the account itself: the
 * right password from another address is never held up by someone else's guessing.
 *
 * An attempt is counted as a failure when it starts (a "claim"), not when the password turns
 * out wrong, so a burst of parallel attempts cannot all pass the check before any of them is
 * recorded. A success gives its claim back. Rows idle for longer than the window are deleted.
 */
import { createHash } from "node:crypto";
import type { Db } from "../db";

export interface BackoffPolicy {
  /** Failures before the first wait. */
  freeFailures: number;
  firstDelayMs: number;
  maxDelayMs: number;
}

const FIFTEEN_MINUTES = 15 * 60 * 1000;

/** One address guessing one account's password. */
export const PER_ADDRESS_AND_EMAIL: BackoffPolicy = { freeFailures: 5, firstDelayMs: 1000, maxDelayMs: FIFTEEN_MINUTES };
/** One address trying many accounts; more room, since people behind one NAT share an address. */
export const PER_ADDRESS: BackoffPolicy = { freeFailures: 20, firstDelayMs: 1000, maxDelayMs: FIFTEEN_MINUTES };
/**
 * A key with no attempt for this long starts afresh and its row is deleted. Longer than the
 * longest wait, so a guesser who keeps to the maximum wait never gets a fresh start.
 */
export const THROTTLE_WINDOW_MS = 60 * 60 * 1000;
/** Compare-and-swap rounds before an attempt under a contested key is refused. */
const CLAIM_ROUNDS = 8;

/** Wait after `failures` failures: none for the free ones, then 1 s, 2 s, 4 s… up to the cap. */
export function backoffDelayMs(failures: number, policy: BackoffPolicy): number {
  if (failures < policy.freeFailures) return 0;
  const doublings = Math.min(failures - policy.freeFailures, 40);
  return Math.min(policy.firstDelayMs * 2 ** doublings, policy.maxDelayMs);
}

/** SHA-256 of the parts: the table never holds an email or an address. */
export function throttleKey(...parts: string[]): string {
  return createHash("sha256").update(parts.join("\n")).digest("hex");
}

interface ThrottleRow {
  failures: number;
  nextAllowedAt: Date | null;
  updatedAt: Date;
}

export interface Claim {
  key: string;
  /** The failure count this attempt set. */
  failures: number;
  /** The live row before the claim; null when there was none (or it had gone idle). */
  previous: ThrottleRow | null;
}

export type ClaimResult = { ok: true; claim: Claim } | { ok: false; retryAt: Date };

function live(row: ThrottleRow | null, now: Date): ThrottleRow | null {
  return row && now.getTime() - row.updatedAt.getTime() < THROTTLE_WINDOW_MS ? row : null;
}

/** When attempts under this key may be checked again, or null if now. */
export async function throttledUntil(db: Db, key: string, now: Date): Promise<Date | null> {
  const row = live(await db.signInThrottle.findUnique({ where: { key } }), now);
  return row?.nextAllowedAt && row.nextAllowedAt > now ? row.nextAllowedAt : null;
}

/** Counts one attempt under `key` as a failure, unless the key must still wait. */
export async function claimAttempt(db: Db, key: string, policy: BackoffPolicy, now: Date): Promise<ClaimResult> {
  for (let round = 0; round < CLAIM_ROUNDS; round++) {
    const stored = await db.signInThrottle.findUnique({ where: { key } });
    const previous = live(stored, now);
    if (previous?.nextAllowedAt && previous.nextAllowedAt > now) return { ok: false, retryAt: previous.nextAllowedAt };
    const failures = (previous?.failures ?? 0) + 1;
    const data = { failures, nextAllowedAt: new Date(now.getTime() + backoffDelayMs(failures, policy)), updatedAt: now };
    if (!stored) {
      try {
        await db.signInThrottle.create({ data: { key, ...data } });
        return { ok: true, claim: { key, failures, previous: null } };
      } catch (error) {
        if (isUniqueViolation(error)) continue; // another attempt created it first
        throw error;
      }
    }
    // Only if nobody else counted an attempt since we read: each claim gets its own number.
    const { count } = await db.signInThrottle.updateMany({ where: { key, failures: stored.failures }, data });
    if (count === 1) return { ok: true, claim: { key, failures, previous } };
  }
  // Many attempts under one key at the same moment: refusing is what a throttle is for.
  return { ok: false, retryAt: new Date(now.getTime() + policy.firstDelayMs) };
}

/** Gives a claim back (the attempt succeeded, or was refused under another key). */
export async function releaseClaim(db: Db, claim: Claim): Promise<void> {
  const { key, failures, previous } = claim;
  if (!previous) {
    await db.signInThrottle.deleteMany({ where: { key, failures } });
    return;
  }
  const { count } = await db.signInThrottle.updateMany({
    where: { key, failures },
    data: { failures: previous.failures, nextAllowedAt: previous.nextAllowedAt, updatedAt: previous.updatedAt },
  });
  // Others counted attempts since: take ours out of the count, leave their waits as they are.
  if (count === 0) await db.signInThrottle.updateMany({ where: { key, failures: { gt: 0 } }, data: { failures: { decrement: 1 } } });
}

/** Forgets every failure under `key` (a success for this address and email). */
export async function clearKey(db: Db, key: string): Promise<void> {
  await db.signInThrottle.deleteMany({ where: { key } });
}

/** Deletes rows idle for longer than the window, so the table stays as small as the attacks are recent. */
export async function evictIdleEntries(db: Db, now: Date): Promise<number> {
  const { count } = await db.signInThrottle.deleteMany({ where: { updatedAt: { lte: new Date(now.getTime() - THROTTLE_WINDOW_MS) } } });
  return count;
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}
