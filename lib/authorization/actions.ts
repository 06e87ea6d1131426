"use server";

import { redirect } from "next/navigation";
import { getConfig } from "../env";
import { getDb } from "../db";
import { sessionAction } from "../auth/action";
import { connectorIdSchema } from "../connectors/schema";
import { startAuthorization } from "./service";

/** `Authorize`: creates the pending authorization and sends the browser to the vendor. */
export const authorizeConnectorAction = sessionAction("admin", connectorIdSchema, async ({ id }, { actor, sessionId, user }) => {
  const url = await startAuthorization(getDb(), getConfig(), { actor: { ...actor, userId: user.id }, sessionId }, id);
  redirect(url);
});
