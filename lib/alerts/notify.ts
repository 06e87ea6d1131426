/**
 * Sends connector alerts when a webhook is configured. Which token status changes alert is
 * decided by the token lifecycle (lib/tokens/status-alerts.ts), which calls sendConnectorAlert
 * fire-and-forget after the change is committed. Never throws: a broken webhook must not fail a
 * refresh.
 */
import type { Config } from "../env";
import type { Db } from "../db";
import { DomainError } from "../errors";
import { describeError } from "../log/safe-error";
import type { Actor } from "../events";
import type { AlertEvent } from "./alert-events";
import { deliverAlert, type AlertMessage, type DeliveryOutcome } from "./delivery";
import { loadAlertWebhook } from "./service";

/** Sends one connector alert when a webhook is configured. Never throws. */
export async function sendConnectorAlert(
  db: Db,
  config: Pick<Config, "keyRing" | "devAllowLoopback">,
  connectorId: string,
  content: Pick<AlertMessage, "status" | "errorCode" | "reauthorizationDueAt"> & { event: AlertEvent },
): Promise<DeliveryOutcome | null> {
  try {
    const target = await loadAlertWebhook(db, config.keyRing);
    if (!target) return null;
    const connector = await db.connector.findUnique({ where: { id: connectorId }, select: { id: true, name: true } });
    return await deliverAlert(db, config, target, { ...content, connector, at: new Date().toISOString() });
  } catch (error) {
    console.warn(`latchkey: could not send the ${content.event} alert: ${describeError(error)}`);
    return null;
  }
}

/** The Settings page's "Send test alert". */
export async function sendTestAlert(db: Db, config: Pick<Config, "keyRing" | "devAllowLoopback">, actor: Actor): Promise<DeliveryOutcome> {
  const target = await loadAlertWebhook(db, config.keyRing);
  if (!target) throw new DomainError("INVALID_STATE", "Save a webhook URL first.");
  return deliverAlert(db, config, target, { event: "alert.test", connector: null, status: null, errorCode: null, at: new Date().toISOString() }, actor);
}
