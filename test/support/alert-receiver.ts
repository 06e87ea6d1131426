/**
 * A local alert webhook receiver: a scripted server that answers 204 and the alerts it got,
 * parsed, per connector. `configureAlerts` points a database's webhook at it through the same
 * service the Settings page uses (saveAlertWebhook).
 */
import type { Config } from "@/lib/env";
import type { Db } from "@/lib/db";
import { SYSTEM_ACTOR } from "@/lib/events";
import { saveAlertWebhook } from "@/lib/alerts/service";
import { startScriptedServer, type ScriptedServer } from "./scripted-server";

/** The message body the webhook sends (lib/alerts/delivery.ts, AlertMessage). */
export interface ReceivedAlert {
  event: string;
  connector: { id: string; name: string } | null;
  status: string | null;
  errorCode: string | null;
  reauthorizationDueAt?: string;
  at: string;
}

export interface AlertReceiver {
  url: string;
  server: ScriptedServer;
  /** Alerts about one connector, in the order they arrived. */
  alertsFor(connectorId: string): ReceivedAlert[];
  close(): Promise<void>;
}

export async function startAlertReceiver(): Promise<AlertReceiver> {
  const server = await startScriptedServer(() => ({ status: 204, body: "" }));
  return {
    url: `${server.url}/hooks/latchkey`,
    server,
    alertsFor: (connectorId) =>
      server.requests.map((request) => JSON.parse(request.rawBody) as ReceivedAlert).filter((alert) => alert.connector?.id === connectorId),
    close: () => server.close(),
  };
}

export async function configureAlerts(db: Db, config: Config, receiver: AlertReceiver): Promise<void> {
  await saveAlertWebhook(db, config.keyRing, SYSTEM_ACTOR, receiver.url);
}
