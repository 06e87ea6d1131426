import { ConfigError, getConfig } from "./env";
import { getDb } from "./db";
import { ensureBootstrapAdmin } from "./users/service";

export async function startServer(): Promise<void> {
  let config;
  try {
    config = getConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`latchkey: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  if ((await ensureBootstrapAdmin(getDb(), config.bootstrapAdmin)) === "created") {
    console.warn(`latchkey: created the first admin ${config.bootstrapAdmin?.email} from LATCHKEY_ADMIN_EMAIL`);
  }
}
