/**
 * Sends one signed alert message through the SSRF guard (https only unless
 * LATCHKEY_DEV_ALLOW_LOOPBACK; no redirects; short timeout) and records the outcome as an
 * `alert.sent` / `alert.failed` event. The message names the connector and its status only:
 * never a token, secret or vendor response.
 */
import type { Config } from "../env";
import type { Db } from "../db";
import { recordEvent, SYSTEM_ACTOR, type Actor } from "../events";
import { guardedRequest, isOutboundError } from "../http/guarded-fetch";
import type { AlertEvent } from "./alert-events";
import { signedHeaders } from "./signing";
import type { AlertWebhookTarget } from "./service";

export const ALERT_TIMEOUT_MS = 5_000;

export interface AlertMessage {
  event: AlertEvent | "alert.test";
  connector: { id: string; name: string } | null;
  status: string | null;
  errorCode: string | null;
  /** For connector.reauthorization_due: when the refresh token stops working (ISO 8601). */
  reauthorizationDueAt?: string;
  at: string;
}

export interface DeliveryOutcome {
  delivered: boolean;
  httpStatus: number | null;
  /** Safe to show: names the host and the reason only. */
  message: string;
}

export async function deliverAlert(
  db: Db,
  config: Pick<Config, "devAllowLoopback">,
  target: AlertWebhookTarget,
  message: AlertMessage,
  actor: Actor = SYSTEM_ACTOR,
): Promise<DeliveryOutcome> {
  const body = JSON.stringify(message);
  const host = new URL(target.url).host;
  let outcome: DeliveryOutcome;
  let errorCode: string | null = null;
  try {
    const response = await guardedRequest(
      { url: target.url, method: "POST", headers: signedHeaders(target.secret, body, new Date(message.at)), body },
      { allowLoopback: config.devAllowLoopback, timeoutMs: ALERT_TIMEOUT_MS, maxBytes: 64 * 1024 },
    );
    const delivered = response.status >= 200 && response.status < 300;
    if (!delivered) errorCode = `http_${response.status}`;
    outcome = { delivered, httpStatus: response.status, message: delivered ? `Delivered to ${host}.` : `${host} answered HTTP ${response.status}.` };
  } catch (error) {
    if (!isOutboundError(error)) throw error;
    errorCode = error.code;
    outcome = { delivered: false, httpStatus: error.httpStatus, message: error.message };
  }
  await recordEvent(db, actor, {
    connectorId: message.connector?.id ?? null,
    type: outcome.delivered ? "alert.sent" : "alert.failed",
    outcome: outcome.delivered ? "success" : "failure",
    errorCode,
    detail: { event: message.event, host, httpStatus: outcome.httpStatus, ...(outcome.delivered ? {} : { message: outcome.message }) },
  });
  return outcome;
}
