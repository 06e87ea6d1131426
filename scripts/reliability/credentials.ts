/**
 * "Credentials lost": what the fault matrix and the load run count, and must find zero of.
 *
 * A connector's credentials are its client secret and its refresh token. One is lost when, after
 * the fault, the stored value is gone or cannot be decrypted, or differs from what it must be:
 * - the client secret: the same as before;
 * - the refresh token: the newest one the vendor issued AND delivered to Latchkey. Following the
 *   rotation chain from the refresh token held before: each refresh that presented the current
 *   one and whose answer reached Latchkey moves it on. A refresh token the vendor issued but
 *   whose answer never arrived (connection cut, process killed) was never Latchkey's to keep;
 *   whether the vendor still accepts the stored one is reported beside it, not counted here.
 *   A refresh token that did arrive and was not stored (a database write that failed) is lost.
 */
import type { Db } from "../../lib/db";
import type { Config } from "../../lib/env";
import { unsealField } from "../../lib/secrets/sealed-fields";
import type { TokenExchange } from "./vendor-front";

export interface CredentialSnapshot {
  clientSecret: string | null;
  refreshToken: string | null;
  /** Ciphertexts as stored, to show whether a failure rewrote them. */
  clientSecretEnc: string | null;
  refreshTokenEnc: string | null;
  /** Set when a stored ciphertext could not be decrypted. */
  unreadable: boolean;
}

export async function snapshotCredentials(db: Db, config: Config, connectorId: string): Promise<CredentialSnapshot> {
  const connector = await db.connector.findUnique({ where: { id: connectorId }, select: { clientSecretEnc: true } });
  const token = await db.token.findUnique({ where: { connectorId }, select: { id: true, refreshTokenEnc: true } });
  let unreadable = false;
  const open = (field: "Connector.clientSecret" | "Token.refreshToken", rowId: string | undefined, sealed: string | null | undefined) => {
    if (!sealed || !rowId) return null;
    try {
      return unsealField(config.keyRing, field, rowId, sealed);
    } catch {
      unreadable = true;
      return null;
    }
  };
  return {
    clientSecret: open("Connector.clientSecret", connectorId, connector?.clientSecretEnc),
    refreshToken: open("Token.refreshToken", token?.id, token?.refreshTokenEnc),
    clientSecretEnc: connector?.clientSecretEnc ?? null,
    refreshTokenEnc: token?.refreshTokenEnc ?? null,
    unreadable,
  };
}

/** The refresh token Latchkey must hold after `exchanges`, starting from `held`. */
export function newestDelivered(held: string | null, exchanges: readonly TokenExchange[]): string | null {
  let current = held;
  for (const exchange of exchanges) {
    if (exchange.grantType === "refresh_token" && exchange.presentedRefreshToken === current && exchange.delivered && exchange.issuedRefreshToken) {
      current = exchange.issuedRefreshToken;
    }
  }
  return current;
}

export interface LossReport {
  lost: number;
  why: string[];
}

export function credentialsLost(before: CredentialSnapshot, after: CredentialSnapshot, exchanges: readonly TokenExchange[]): LossReport {
  const why: string[] = [];
  if (after.unreadable) why.push("a stored ciphertext no longer decrypts");
  if (before.clientSecret !== null && after.clientSecret !== before.clientSecret) why.push("client secret changed or gone");
  const expected = newestDelivered(before.refreshToken, exchanges);
  if (expected !== null && after.refreshToken !== expected) {
    why.push(after.refreshToken === null ? "refresh token gone" : "stored refresh token is not the newest one the vendor delivered");
  }
  return { lost: why.length, why };
}
