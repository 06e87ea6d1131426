/**
 * Which stored-status changes raise an alert. Stored statuses are the ones tokenStatus reads
 * (lib/tokens/status.ts): entering any failing status (refresh failing, check client
 * credentials, needs re-authorization) alerts, moving from one failing status to another
 * alerts for the new one, and a successful renewal afterwards (back to active) alerts that it
 * recovered. Re-authorization coming due (an absolute refresh-token lifetime) alerts 7 days and
 * 1 day before (lib/alerts/reauthorization-due.ts).
 */
import { STORED_STATUS } from "../tokens/status";

export const ALERT_EVENTS = ["connector.needs_reauth", "connector.refresh_failing", "connector.check_client_credentials", "connector.recovered", "connector.reauthorization_due"] as const;
export type AlertEvent = (typeof ALERT_EVENTS)[number];

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
