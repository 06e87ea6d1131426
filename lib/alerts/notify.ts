/**
 * Raises an alert for a stored-status change, if it is one that alerts (transitions.ts) and a
 * webhook is configured. Called fire-and-forget after the change is committed, by the lease
 * owner only, so several instances send one message per change. Never throws: a broken webhook
 * must not fail a refresh.
 */
import type { Config } from "../env";
import type { Db } from "../db";
import { DomainError } from "../errors";
import { describeError } from "../log/safe-error";
import type { Actor } from "../events";
import { deliverAlert, type AlertMessage, type DeliveryOutcome } from "./delivery";
import { loadAlertWebhook } from "./service";
import { alertEventFor, type AlertEvent } from "./transitions";

export interface StatusChange {
  connectorId: string;
  previous: string | null;
  next: string;
  errorCode: string | null;
}

export async function notifyStatusChange(db: Db, config: Pick<Config, "keyRing" | "devAllowLoopback">, change: StatusChange): Promise<DeliveryOutcome | null> {
  const event = alertEventFor(change.previous, change.next);
  if (!event) return null;
  return sendConnectorAlert(db, config, change.connectorId, { event, status: change.next, errorCode: change.errorCode });
}

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
