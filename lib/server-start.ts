import { ConfigError, getConfig } from "./env";
import { getDb } from "./db";
import { ensureBootstrapAdmin } from "./users/service";
import { startBackgroundRefresher } from "./tokens/refresher/background";

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
  // Keeps tokens fresh in this process; LATCHKEY_REFRESHER=0 turns it off (e.g. on instances that only serve the console).
  if (config.refresherEnabled) startBackgroundRefresher(getDb(), config);
  // The lighter path for sync-worker traffic (see BENCHMARKS.md): same handlers, without Next's per-request cost.
  if (config.machineApiPort) {
    const { startMachineApiListener } = await import("./proxy/listener");
    await startMachineApiListener({ port: config.machineApiPort, hostname: process.env.HOSTNAME ?? "0.0.0.0" });
    console.warn(`latchkey: machine API also listening on port ${config.machineApiPort}`);
  }
}
