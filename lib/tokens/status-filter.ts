/**
 * The same statuses as lib/tokens/status.ts, as database conditions on Connector, so the
 * dashboard can count and filter in SQL. test/tokens/status.test.ts checks both agree.
 */
import type { Prisma } from "../db";
import { STORED_STATUS, type TokenStatus } from "./status";

type Where = Prisma.ConnectorWhereInput;

export function connectorsWithStatus(status: TokenStatus, now: Date): Where {
  const healthy = { status: { notIn: [STORED_STATUS.needsReauth, STORED_STATUS.refreshFailing] } };
  switch (status) {
    case "not_authorized":
      return { token: { is: null } };
    case "needs_reauth":
      return { token: { is: { status: STORED_STATUS.needsReauth } } };
    case "refresh_failing":
      return { token: { is: { status: STORED_STATUS.refreshFailing } } };
    case "no_known_expiry":
      return { token: { is: { ...healthy, expiresAt: null } } };
    case "expired":
      return { token: { is: { ...healthy, expiresAt: { lte: now } } } };
    case "expiring_soon":
      return { token: { is: { ...healthy, expiresAt: { gt: now }, refreshDueAt: { lte: now } } } };
    case "active":
      return { token: { is: { ...healthy, expiresAt: { gt: now }, OR: [{ refreshDueAt: null }, { refreshDueAt: { gt: now } }] } } };
  }
}
