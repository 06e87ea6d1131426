import type { Server } from "node:http";
import { ConfigError, getConfig } from "./env";
import { getDb } from "./db";
import { startupWarnings } from "./startup-warnings";
import { ensureBootstrapAdmin } from "./users/service";
import { startBackgroundRefresher } from "./tokens/refresher/background";
import { describeError } from "./log/safe-error";
import { sealSecretExtras } from "./secrets/seal-secret-extras";
import type { KeyRing } from "./crypto/key-ring";

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
  await sealMigratedSecretExtras(config.keyRing);
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

/**
 * Secret extras the issue-12 migration marked secret still hold their value in plain text until
 * sealed (SECURITY 42); migrations ran just before this process started (scripts/start.ts).
 * Sealed before the refresher starts sending. A failure is logged (class and code only: the
 * database's message would quote the values) and the app starts anyway: the values stay usable
 * and the next start tries again.
 */
async function sealMigratedSecretExtras(ring: KeyRing): Promise<void> {
  try {
    const { sealed } = await sealSecretExtras(getDb(), ring);
    if (sealed > 0) console.warn(`latchkey: sealed ${sealed} secret extra value(s) stored in plain text before this version`);
  } catch (error) {
    console.error(`latchkey: could not seal the secret extras stored in plain text; trying again at the next start: ${describeError(error)}`);
  }
}
