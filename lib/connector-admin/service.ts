/**
 * Connector edits as the console makes them, across the folders built on a connector's
 * configuration: lib/connectors writes the edit, lib/tokens drops the tokens the edit makes unsafe
 * (SECURITY 42, 43), and the machine API (lib/proxy) forgets what it cached from before. Here,
 * above all three, so that none of them imports a folder built on it.
 */
import type { Db } from "../db";
import type { Config } from "../env";
import type { Actor } from "../events";
import type { ConnectorInput } from "../connectors/schema";
import { editConnector } from "../connectors/service";
import type { VendorUrlField } from "../connectors/vendor-origins";
import { forgetCachedConnector } from "../proxy/token-cache";
import { revokeAndForgetTokens } from "../tokens/forget-tokens";

/** Saves an edit (editConnector says what is kept and what must be entered again). */
export async function updateConnector(
  db: Db,
  config: Config,
  actor: Actor,
  id: string,
  input: ConnectorInput,
): Promise<{ changed: string[]; originChanged: VendorUrlField[] }> {
  const result = await editConnector(db, config.keyRing, actor, id, input, (writeChange) => revokeAndForgetTokens(db, config, actor, id, writeChange));
  // This process's machine API hands out nothing cached from before the edit (others within 2 s).
  forgetCachedConnector(db, id);
  return result;
}
