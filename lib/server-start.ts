import type { Server } from "node:http";
import { ConfigError, getConfig } from "./env";
import { getDb } from "./db";
import { startupWarnings } from "./startup-warnings";
import { ensureBootstrapAdmin } from "./users/service";
import { startBackgroundRefresher } from "./tokens/refresher/background";

export interface StartedServer {
  /** The machine API side port's server, when LATCHKEY_MACHINE_API_PORT is set. */
  machineApi: Server | null;
}

export async function startServer(): Promise<StartedServer> {
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
  for (const warning of startupWarnings(config)) console.warn(warning);
  if ((await ensureBootstrapAdmin(getDb(), config.bootstrapAdmin)) === "created") {
    console.warn(`latchkey: created the first admin ${config.bootstrapAdmin?.email} from LATCHKEY_ADMIN_EMAIL`);
  }
  // Keeps tokens fresh in this process; LATCHKEY_REFRESHER=0 turns it off (e.g. on instances that only serve the console).
  if (config.refresherEnabled) startBackgroundRefresher(getDb(), config);
  // The lighter path for sync-worker traffic (see BENCHMARKS.md): same handlers, without Next's per-request cost.
  // It binds LATCHKEY_MACHINE_API_HOST (loopback by default), not HOSTNAME: it has no TLS of its own.
  let machineApi: Server | null = null;
  if (config.machineApiPort) {
    const { startMachineApiListener } = await import("./proxy/listener");
    machineApi = await startMachineApiListener({ port: config.machineApiPort, hostname: config.machineApiHost });
    console.warn(`latchkey: machine API also listening on port ${config.machineApiPort} (${config.machineApiHost})`);
  }
  return { machineApi };
}
