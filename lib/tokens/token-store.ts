/**
 * Writing and reading a connector's token set. Access and refresh tokens are sealed to the
 * token row (SECURITY 7). A response without a refresh token keeps the stored one
 * (SECURITY 22); every successful write bumps `version` and clears the last error.
 *
 * Writes made under a lease are conditional on still holding it: a process whose lease expired
 * during a slow vendor call cannot overwrite what the next owner stored (LeaseLostError).
 */
import type { KeyRing } from "../crypto/key-ring";
import type { Db } from "../db";
import { newId } from "../ids";
import type { TokenSet } from "../oauth";
import { sealField, unsealField } from "../secrets/sealed-fields";
import { refreshDueAt, STORED_STATUS } from "./status";
import { failureDetail, type TokenFailure } from "./token-failure";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
export type TokenRow = NonNullable<Awaited<ReturnType<Db["token"]["findUnique"]>>>;

export interface StoredToken {
  id: string;
  version: number;
  /** Null while a client-credentials connector has never obtained a token (the row records failed attempts). */
  accessToken: string | null;
  refreshToken: string | null;
  tokenType: string | null;
  expiresAt: Date | null;
  status: string;
}

/** The write was refused because this process no longer holds the connector's lease. */
export class LeaseLostError extends Error {
  override name = "LeaseLostError";
  constructor() {
    super("The refresh lease expired or was taken over before the result could be stored.");
  }
}

const EXPIRY_TOLERANCE_MS = 60_000;

function movedLater(before: Date | null, after: Date | null): boolean {
  if (!after) return before !== null;
  return !before || after.getTime() - before.getTime() > EXPIRY_TOLERANCE_MS;
}

/** The earlier of the renewal times that are set. */
export function earliest(...dates: (Date | null)[]): Date | null {
  const times = dates.filter((date): date is Date => date !== null).map((date) => date.getTime());
  return times.length ? new Date(Math.min(...times)) : null;
}

export function openToken(ring: KeyRing, row: TokenRow): StoredToken {
  return {
    id: row.id,
    version: row.version,
    accessToken: row.accessTokenEnc ? unsealField(ring, "Token.accessToken", row.id, row.accessTokenEnc) : null,
    refreshToken: row.refreshTokenEnc ? unsealField(ring, "Token.refreshToken", row.id, row.refreshTokenEnc) : null,
    tokenType: row.tokenType,
    expiresAt: row.expiresAt,
    status: row.status,
  };
}

export async function readStoredToken(db: Db | Tx, ring: KeyRing, connectorId: string): Promise<StoredToken | null> {
  const row = await db.token.findUnique({ where: { connectorId } });
  return row ? openToken(ring, row) : null;
}

function parseExtra(stored: string | undefined): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(stored ?? "{}");
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export interface StoreOptions {
  now?: Date;
  extra?: Record<string, unknown>;
  replaceExtra?: boolean;
  /** Minimum renewal lead (LATCHKEY_REFRESH_LEAD_SECONDS); see refreshDueAt. */
  minLeadMs?: number;
  /** Write only while this lease owner holds the row; throws LeaseLostError otherwise. */
  leaseOwner?: string;
  /** The row as read under the lease, so the conditional write is the transaction's first statement. */
  existing?: TokenRow;
  /** The connector's configured refresh-token lifetimes (days), when known. */
  lifetimes?: RefreshTokenLifetimes;
  /** A new authorization (the code exchange): an absolute refresh-token lifetime starts again. */
  newGrant?: boolean;
}

export interface RefreshTokenLifetimes {
  idleDays: number | null;
  maxDays: number | null;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * When the refresh token stops working for good: what the vendor said now, else (for a new
 * authorization) the connector's maximum lifetime from now, else what was known before.
 */
function refreshTokenExpiry(set: TokenSet, heldRefreshToken: boolean, existing: TokenRow | null, options: StoreOptions, now: Date): Date | null {
  if (!heldRefreshToken) return null;
  if (set.refreshTokenExpiresAt) return set.refreshTokenExpiresAt;
  if (options.newGrant || !existing) return options.lifetimes?.maxDays ? new Date(now.getTime() + options.lifetimes.maxDays * DAY_MS) : null;
  return existing.refreshTokenExpiresAt;
}

/**
 * When to renew just to keep the refresh token alive: halfway through its idle lifetime, or
 * halfway to the expiry the vendor announced (a rolling lifetime moves on with each renewal; a
 * fixed one does not, and then the halving stops once less than two days are left).
 */
export function keepAliveAt(heldRefreshToken: boolean, idleDays: number | null, refreshTokenExpiresAt: Date | null, now: Date): Date | null {
  if (!heldRefreshToken) return null;
  const candidates: number[] = [];
  if (idleDays) candidates.push(now.getTime() + (idleDays * DAY_MS) / 2);
  if (refreshTokenExpiresAt && refreshTokenExpiresAt.getTime() - now.getTime() >= 2 * DAY_MS)
    candidates.push(now.getTime() + (refreshTokenExpiresAt.getTime() - now.getTime()) / 2);
  return candidates.length ? new Date(Math.min(...candidates)) : null;
}

export interface StoreResult {
  version: number;
  refreshTokenRotated: boolean;
  heldRefreshToken: boolean;
  /** The stored status before this write (null for a new row), for status-change alerts. */
  previousStatus: string | null;
  /** When the next renewal is planned (early renewal or keep-alive). */
  renewAt: Date | null;
}

/**
 * Stores a fresh token set in one write: the new access token and the (possibly rotated)
 * refresh token land together, and the lease is cleared in the same statement. `extra` is
 * merged over what was kept before (e.g. realmId).
 *
 * With `leaseOwner`, pass `existing` (read under the lease): on SQLite a transaction that
 * reads before it writes can fail at once with SQLITE_BUSY when another process writes, while
 * one that starts with the write waits for the lock.
 */
export async function storeTokenSet(db: Db | Tx, ring: KeyRing, connectorId: string, set: TokenSet, options: StoreOptions = {}): Promise<StoreResult> {
  const now = options.now ?? new Date();
  const existing = options.existing ?? (await db.token.findUnique({ where: { connectorId } }));
  const id = existing?.id ?? newId();
  const refreshTokenEnc = set.refreshToken ? sealField(ring, "Token.refreshToken", id, set.refreshToken) : (existing?.refreshTokenEnc ?? null);
  const extra = { ...(options.replaceExtra ? {} : parseExtra(existing?.extra)), ...set.extra, ...options.extra };
  const refreshTokenExpiresAt = refreshTokenExpiry(set, refreshTokenEnc !== null, existing, options, now);
  const data = {
    accessTokenEnc: sealField(ring, "Token.accessToken", id, set.accessToken),
    refreshTokenEnc,
    tokenType: set.tokenType,
    expiresAt: set.expiresAt,
    refreshDueAt: refreshDueAt(set.expiresAt, now, options.minLeadMs),
    failureCount: 0,
    nextAttemptAt: null,
    grantedScopes: set.scopes ? JSON.stringify(set.scopes) : null,
    status: STORED_STATUS.active,
    lastErrorCode: null,
    lastErrorText: null,
    lastErrorDetail: null,
    refreshTokenExpiresAt,
    keepAliveAt: keepAliveAt(refreshTokenEnc !== null, options.lifetimes?.idleDays ?? null, refreshTokenExpiresAt, now),
    // A later refresh-token expiry deserves its own "re-authorization due" alerts. Vendors count
    // the remaining lifetime in whole seconds, so the same expiry reported again may move by a
    // second: only a move of more than a minute counts.
    ...(movedLater(existing?.refreshTokenExpiresAt ?? null, refreshTokenExpiresAt) ? { reauthAlertedDays: null } : {}),
    // The first token of a row that so far only recorded failed attempts.
    ...(existing && existing.accessTokenEnc === null ? { obtainedAt: now } : {}),
    lastRefreshedAt: now,
    lastAttemptAt: now,
    extra: JSON.stringify(extra),
    leaseOwner: null,
    leaseUntil: null,
  };
  const renewAt = earliest(data.refreshDueAt, data.keepAliveAt);
  const summary = {
    refreshTokenRotated: Boolean(set.refreshToken && existing?.refreshTokenEnc),
    heldRefreshToken: refreshTokenEnc !== null,
    previousStatus: existing?.status ?? null,
    renewAt,
  };
  if (options.leaseOwner !== undefined) {
    if (!existing) throw new LeaseLostError();
    const written = await db.token.updateMany({ where: { id, connectorId, leaseOwner: options.leaseOwner }, data: { ...data, version: { increment: 1 } } });
    if (written.count !== 1) throw new LeaseLostError();
    return { version: existing.version + 1, ...summary };
  }
  const row = existing
    ? await db.token.update({ where: { id }, data: { ...data, version: { increment: 1 } } })
    : await db.token.create({ data: { id, connectorId, obtainedAt: now, ...data, version: 1 } });
  return { version: row.version, ...summary };
}

export interface FailureRecord {
  now?: Date;
  /** Write only while this lease owner holds the row (and clear the lease in the same statement). */
  leaseOwner?: string;
  failureCount?: number;
  nextAttemptAt?: Date | null;
}

/**
 * Records a failed attempt on the token row without touching the credentials (SECURITY 24).
 * Returns false when nothing was written (no row, or the lease was lost).
 */
export async function recordTokenFailure(
  db: Db | Tx,
  connectorId: string,
  error: Pick<TokenFailure, "code" | "message"> & Partial<Pick<TokenFailure, "httpStatus" | "vendorError">>,
  status: string,
  record: FailureRecord = {},
): Promise<boolean> {
  const leased = record.leaseOwner !== undefined;
  const written = await db.token.updateMany({
    where: leased ? { connectorId, leaseOwner: record.leaseOwner } : { connectorId },
    data: {
      status,
      lastErrorCode: error.code,
      lastErrorText: error.message.slice(0, 500),
      lastErrorDetail: failureDetail({ httpStatus: error.httpStatus ?? null, vendorError: error.vendorError ?? null }),
      lastAttemptAt: record.now ?? new Date(),
      ...(record.failureCount !== undefined ? { failureCount: record.failureCount } : {}),
      ...(record.nextAttemptAt !== undefined ? { nextAttemptAt: record.nextAttemptAt } : {}),
      ...(leased ? { leaseOwner: null, leaseUntil: null } : {}),
    },
  });
  return written.count === 1;
}

/**
 * The row a client-credentials connector's first token will be stored in, created before the
 * first vendor call so that call runs under the lease and a failure has somewhere to record its
 * backoff. Created only while the connector is enabled: the conditional update on the connector
 * row takes its row lock, so a concurrent Disconnect (which sets the state first) either waits
 * and then finds this row, or wins and this creates nothing. Returns false when disconnected.
 */
export async function ensureAttemptRow(db: Db, connectorId: string, requiredState: string | null): Promise<boolean> {
  try {
    return await db.$transaction(async (tx) => {
      if (requiredState !== null) {
        const locked = await tx.connector.updateMany({ where: { id: connectorId, state: requiredState }, data: { state: requiredState } });
        if (locked.count !== 1) return false;
      }
      await tx.token.create({ data: { id: newId(), connectorId, accessTokenEnc: null } });
      return true;
    });
  } catch (error) {
    // Another caller created it first: that row serves.
    if ((error as { code?: unknown }).code === "P2002") return true;
    throw error;
  }
}
