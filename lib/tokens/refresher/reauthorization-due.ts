/**
 * "Re-authorization due" alerts: a refresh token with an absolute lifetime (the vendor's
 * refresh_token_expires_in, or the connector's maximum lifetime) will stop working on a known
 * date, and no renewal can move it. The admin hears 7 days and again 1 day before, once each
 * across all instances: the stage is claimed with a conditional update before the alert is sent.
 * Run by the background refresher on each pass (loop.ts).
 */
import type { Config } from "../../env";
import type { Db } from "../../db";
import { sendConnectorAlert } from "../../alerts/notify";
import { CONNECTOR_STATE, STORED_STATUS } from "../status";

const DAY_MS = 24 * 60 * 60 * 1000;
/** Days before the refresh token's expiry at which an alert goes out, widest first. */
export const REAUTHORIZATION_ALERT_DAYS = [7, 1] as const;

/** The alert stage a refresh token expiring at `expiresAt` has reached at `now`, or null when none yet. */
export function reauthorizationStage(expiresAt: Date, now: Date): number | null {
  const left = expiresAt.getTime() - now.getTime();
  if (left <= 0) return null;
  const reached = REAUTHORIZATION_ALERT_DAYS.filter((days) => left <= days * DAY_MS);
  return reached.length ? Math.min(...reached) : null;
}

export async function alertReauthorizationDue(db: Db, config: Pick<Config, "keyRing" | "devAllowLoopback">, now: Date): Promise<number> {
  const widest = Math.max(...REAUTHORIZATION_ALERT_DAYS);
  const rows = await db.token.findMany({
    where: {
      refreshTokenExpiresAt: { gt: now, lte: new Date(now.getTime() + widest * DAY_MS) },
      refreshTokenEnc: { not: null },
      status: { not: STORED_STATUS.needsReauth },
      connector: { is: { state: CONNECTOR_STATE.enabled } },
    },
    select: { id: true, connectorId: true, refreshTokenExpiresAt: true, reauthAlertedDays: true },
  });
  let sent = 0;
  for (const row of rows) {
    const stage = row.refreshTokenExpiresAt ? reauthorizationStage(row.refreshTokenExpiresAt, now) : null;
    if (stage === null || (row.reauthAlertedDays !== null && row.reauthAlertedDays <= stage)) continue;
    const claimed = await db.token.updateMany({ where: { id: row.id, reauthAlertedDays: row.reauthAlertedDays }, data: { reauthAlertedDays: stage } });
    if (claimed.count !== 1) continue;
    sent += 1;
    await sendConnectorAlert(db, config, row.connectorId, {
      event: "connector.reauthorization_due",
      status: STORED_STATUS.active,
      errorCode: null,
      reauthorizationDueAt: row.refreshTokenExpiresAt?.toISOString(),
    });
  }
  return sent;
}
