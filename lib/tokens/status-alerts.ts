/**
 * Which stored-status changes raise an alert, and raising it. Stored statuses are the ones
 * tokenStatus reads (status.ts): entering any failing status (refresh failing, check client
 * credentials, needs re-authorization) alerts, moving from one failing status to another alerts
 * for the new one, and a successful renewal afterwards (back to active) alerts that it recovered.
 * Re-authorization coming due (an absolute refresh-token lifetime) alerts 7 days and 1 day before
 * (refresher/reauthorization-due.ts).
 *
 * The decision lives here, beside the statuses; lib/alerts only sends what it is given and knows
 * nothing of token statuses, so the two folders do not import each other.
 */
import type { Config } from "../env";
import type { Db } from "../db";
import type { AlertEvent } from "../alerts/alert-events";
import type { DeliveryOutcome } from "../alerts/delivery";
import { sendConnectorAlert } from "../alerts/notify";
import { STORED_STATUS } from "./status";

const ENTERING: Record<string, AlertEvent> = {
  [STORED_STATUS.needsReauth]: "connector.needs_reauth",
  [STORED_STATUS.refreshFailing]: "connector.refresh_failing",
  [STORED_STATUS.checkClient]: "connector.check_client_credentials",
};

export function alertEventFor(previous: string | null, next: string): AlertEvent | null {
  if (previous === next) return null;
  if (Object.hasOwn(ENTERING, next)) return ENTERING[next] ?? null;
  if (next === STORED_STATUS.active && previous !== null && Object.hasOwn(ENTERING, previous)) return "connector.recovered";
  return null;
}

export interface StatusChange {
  connectorId: string;
  previous: string | null;
  next: string;
  errorCode: string | null;
}

/**
 * Raises an alert for a stored-status change, if it is one that alerts and a webhook is
 * configured. Called fire-and-forget after the change is committed, by the lease owner only, so
 * several instances send one message per change. Never throws: a broken webhook must not fail a
 * refresh.
 */
export async function notifyStatusChange(db: Db, config: Pick<Config, "keyRing" | "devAllowLoopback">, change: StatusChange): Promise<DeliveryOutcome | null> {
  const event = alertEventFor(change.previous, change.next);
  if (!event) return null;
  return sendConnectorAlert(db, config, change.connectorId, { event, status: change.next, errorCode: change.errorCode });
}
