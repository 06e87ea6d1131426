/**
 * Which stored-status changes raise an alert. Stored statuses are the ones tokenStatus reads
 * (lib/tokens/status.ts): entering "needs re-authorization" or "refresh failing" alerts, and a
 * successful renewal afterwards (stored status back to active) alerts that it recovered.
 */
import { STORED_STATUS } from "../tokens/status";

export const ALERT_EVENTS = ["connector.needs_reauth", "connector.refresh_failing", "connector.recovered"] as const;
export type AlertEvent = (typeof ALERT_EVENTS)[number];

export function alertEventFor(previous: string | null, next: string): AlertEvent | null {
  if (previous === next) return null;
  if (next === STORED_STATUS.needsReauth) return "connector.needs_reauth";
  if (next === STORED_STATUS.refreshFailing) return "connector.refresh_failing";
  if (next === STORED_STATUS.active && (previous === STORED_STATUS.needsReauth || previous === STORED_STATUS.refreshFailing)) return "connector.recovered";
  return null;
}
