/**
 * Completes an admin's Authorize against a scripted token endpoint, without a browser: the
 * authorization URL's `state` comes back with a code, as the vendor's redirect would bring it,
 * and completeAuthorization exchanges the code at the connector's Access Token URL (whatever the
 * scripted server answers there).
 */
import type { Config } from "@/lib/env";
import type { Db } from "@/lib/db";
import { completeAuthorization, startAuthorization, type AuthorizationOutcome } from "@/lib/authorization/service";
import { adminActor } from "./token-fixtures";

export async function authorizeWithCode(db: Db, config: Config, connectorId: string, code = "scripted-code"): Promise<AuthorizationOutcome> {
  const session = { actor: await adminActor(db), sessionId: `session-${connectorId}` };
  const state = new URL(await startAuthorization(db, config, session, connectorId)).searchParams.get("state");
  if (!state) throw new Error("the authorization URL has no state");
  return completeAuthorization(db, config, session, new URLSearchParams({ state, code }));
}
