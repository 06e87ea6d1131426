/**
 * What the console shows for a connector, read the way its pages read it: the connector's
 * state plus the token columns of statusRowSelect, through the shared statusView.
 */
import type { Db } from "@/lib/db";
import { statusView, TOKEN_STATUS_LABELS, type StatusView } from "@/lib/tokens/status";
import { statusRowSelect } from "@/lib/tokens/status-summary";

export async function statusOf(db: Db, connectorId: string, now = new Date()): Promise<StatusView & { label: string }> {
  const connector = await db.connector.findUniqueOrThrow({ where: { id: connectorId }, select: { state: true, token: { select: statusRowSelect } } });
  const view = statusView({ state: connector.state, token: connector.token }, now);
  return { ...view, label: TOKEN_STATUS_LABELS[view.status] };
}

export const tokenRowOf = (db: Db, connectorId: string) => db.token.findUniqueOrThrow({ where: { connectorId } });
