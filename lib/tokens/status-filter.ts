/**
 * The same statuses as lib/tokens/status.ts, as database conditions on Connector, so the
 * dashboard can count and filter in SQL. Each case mirrors one step of tokenStatus's
 * precedence; test/tokens/status.test.ts checks both agree on every stored outcome.
 */
import type { Prisma } from "../db";
import { CONNECTOR_STATE, STORED_STATUS, type TokenStatus } from "./status";

type Where = Prisma.ConnectorWhereInput;
type TokenWhere = Prisma.TokenWhereInput;

const enabled: Where = { state: CONNECTOR_STATE.enabled };
const withToken = (...conditions: TokenWhere[]): Where => ({ AND: [enabled, { token: { is: { AND: conditions } } }] });

export function connectorsWithStatus(status: TokenStatus, now: Date): Where {
  const needsReauth: TokenWhere = { OR: [{ status: STORED_STATUS.needsReauth }, { refreshTokenExpiresAt: { lte: now } }] };
  const notNeedsReauth: TokenWhere = {
    status: { not: STORED_STATUS.needsReauth },
    OR: [{ refreshTokenExpiresAt: null }, { refreshTokenExpiresAt: { gt: now } }],
  };
  const healthy: TokenWhere = { AND: [notNeedsReauth, { status: { notIn: [STORED_STATUS.checkClient, STORED_STATUS.refreshFailing] } }] };
  const held: TokenWhere = { accessTokenEnc: { not: null } };
  switch (status) {
    case "disconnected":
      return { state: { not: CONNECTOR_STATE.enabled } };
    case "not_authorized":
      return { AND: [enabled, { OR: [{ token: { is: null } }, { token: { is: { AND: [healthy, { accessTokenEnc: null }] } } }] }] };
    case "needs_reauth":
      return withToken(needsReauth);
    case "check_client":
      return withToken(notNeedsReauth, { status: STORED_STATUS.checkClient });
    case "refresh_failing":
      return withToken(notNeedsReauth, { status: STORED_STATUS.refreshFailing });
    case "no_known_expiry":
      return withToken(healthy, held, { expiresAt: null });
    case "expired":
      return withToken(healthy, held, { expiresAt: { lte: now } });
    case "expiring_soon":
      return withToken(healthy, held, { expiresAt: { gt: now }, refreshDueAt: { lte: now } });
    case "active":
      return withToken(healthy, held, { expiresAt: { gt: now }, OR: [{ refreshDueAt: null }, { refreshDueAt: { gt: now } }] });
  }
}
