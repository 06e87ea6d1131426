/**
 * Writing and reading a connector's token set. Access and refresh tokens are sealed to the
 * token row (SECURITY 7). A response without a refresh token keeps the stored one
 * (SECURITY 22); every successful write bumps `version` and clears the last error.
 */
import type { KeyRing } from "../crypto/key-ring";
import type { Db } from "../db";
import { newId } from "../ids";
import type { OAuthError, TokenSet } from "../oauth";
import { sealField, unsealField } from "../secrets/sealed-fields";
import { refreshDueAt } from "./status";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

export interface StoredToken {
  id: string;
  version: number;
  accessToken: string;
  refreshToken: string | null;
  tokenType: string | null;
  expiresAt: Date | null;
  status: string;
}

export async function readStoredToken(db: Db | Tx, ring: KeyRing, connectorId: string): Promise<StoredToken | null> {
  const row = await db.token.findUnique({ where: { connectorId } });
  if (!row) return null;
  return {
    id: row.id,
    version: row.version,
    accessToken: unsealField(ring, "Token.accessToken", row.id, row.accessTokenEnc),
    refreshToken: row.refreshTokenEnc ? unsealField(ring, "Token.refreshToken", row.id, row.refreshTokenEnc) : null,
    tokenType: row.tokenType,
    expiresAt: row.expiresAt,
    status: row.status,
  };
}

function parseExtra(stored: string | undefined): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(stored ?? "{}");
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/**
 * Stores a fresh token set in one write: the new access token and the (possibly rotated)
 * refresh token land together. `extra` is merged over what was kept before (e.g. realmId).
 */
export async function storeTokenSet(
  db: Db | Tx,
  ring: KeyRing,
  connectorId: string,
  set: TokenSet,
  options: { now?: Date; extra?: Record<string, unknown>; replaceExtra?: boolean; minLeadMs?: number } = {},
): Promise<{ version: number; refreshTokenRotated: boolean; heldRefreshToken: boolean }> {
  const now = options.now ?? new Date();
  const existing = await db.token.findUnique({ where: { connectorId } });
  const id = existing?.id ?? newId();
  const refreshTokenEnc = set.refreshToken ? sealField(ring, "Token.refreshToken", id, set.refreshToken) : (existing?.refreshTokenEnc ?? null);
  const extra = { ...(options.replaceExtra ? {} : parseExtra(existing?.extra)), ...set.extra, ...options.extra };
  const data = {
    accessTokenEnc: sealField(ring, "Token.accessToken", id, set.accessToken),
    refreshTokenEnc,
    tokenType: set.tokenType,
    expiresAt: set.expiresAt,
    refreshDueAt: refreshDueAt(set.expiresAt, now, options.minLeadMs),
    failureCount: 0,
    nextAttemptAt: null,
    grantedScopes: set.scopes ? JSON.stringify(set.scopes) : null,
    status: "active",
    lastErrorCode: null,
    lastErrorText: null,
    lastRefreshedAt: now,
    extra: JSON.stringify(extra),
    leaseOwner: null,
    leaseUntil: null,
  };
  const row = existing
    ? await db.token.update({ where: { id }, data: { ...data, version: { increment: 1 } } })
    : await db.token.create({ data: { id, connectorId, obtainedAt: now, ...data, version: 1 } });
  return { version: row.version, refreshTokenRotated: Boolean(set.refreshToken && existing?.refreshTokenEnc), heldRefreshToken: refreshTokenEnc !== null };
}

/** Records a failed attempt on the token row without touching the credentials (SECURITY 24). */
export async function recordTokenFailure(db: Db | Tx, connectorId: string, error: OAuthError, status: string): Promise<void> {
  await db.token.updateMany({
    where: { connectorId },
    data: { status, lastErrorCode: error.code, lastErrorText: error.message.slice(0, 500) },
  });
}
