/**
 * The events an alert message can announce. Which token status changes raise which event is the
 * token lifecycle's decision (lib/tokens/status-alerts.ts); "re-authorization due" is raised 7 days
 * and 1 day before an absolute refresh-token lifetime ends (lib/tokens/refresher/reauthorization-due.ts).
 */
export const ALERT_EVENTS = [
  "connector.needs_reauth",
  "connector.refresh_failing",
  "connector.check_client_credentials",
  "connector.recovered",
  "connector.reauthorization_due",
] as const;
export type AlertEvent = (typeof ALERT_EVENTS)[number];
