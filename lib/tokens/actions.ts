"use server";

import { revalidatePath } from "next/cache";
import { getConfig } from "../env";
import { getDb } from "../db";
import { sessionAction } from "../auth/action";
import { connectorIdSchema } from "../connectors/schema";
import { obtainClientCredentialsToken, refreshNow } from "./service";
import { disconnectConnector } from "./disconnect";
import { adviceFor } from "./failure-status";
import { importRefreshToken } from "./import-refresh-token";
import { importRefreshTokenSchema } from "./import-refresh-token-schema";

/** `Get token` (client credentials). Returns the event id whose outcome the page shows. */
export const getTokenAction = sessionAction("admin", connectorIdSchema, async ({ id }, { actor }) => {
  const outcome = await obtainClientCredentialsToken(getDb(), getConfig(), actor, id);
  revalidatePath(`/connectors/${id}`);
  return { eventId: outcome.eventId, succeeded: outcome.ok };
});

/** `Refresh now`. */
export const refreshTokenAction = sessionAction("admin", connectorIdSchema, async ({ id }, { actor }) => {
  const outcome = await refreshNow(getDb(), getConfig(), actor, id);
  revalidatePath(`/connectors/${id}`);
  return { eventId: outcome.eventId, succeeded: outcome.ok };
});

/** `Disconnect`: revoke at the vendor where possible, then delete the stored tokens. */
export const disconnectConnectorAction = sessionAction("admin", connectorIdSchema, async ({ id }, { actor }) => {
  const outcome = await disconnectConnector(getDb(), getConfig(), actor, id);
  revalidatePath(`/connectors/${id}`);
  revalidatePath("/");
  return { revocation: outcome.revocation, errorCode: outcome.error?.code ?? null };
});

/**
 * `Import and redeem`: redeems a pasted refresh token at once and stores it only if the vendor
 * accepts it. The answer carries the classified error, never the token.
 */
export const importRefreshTokenAction = sessionAction("admin", importRefreshTokenSchema, async ({ id, refreshToken }, { actor }) => {
  const outcome = await importRefreshToken(getDb(), getConfig(), actor, id, refreshToken);
  revalidatePath(`/connectors/${id}`);
  revalidatePath("/");
  if (outcome.ok) return { eventId: outcome.eventId, succeeded: true as const, error: null };
  const { code, message, vendorError, description } = outcome.error;
  return { eventId: outcome.eventId, succeeded: false as const, error: { code, message, vendorError, description, advice: adviceFor(code) } };
});
