/**
 * Settings that are valid but unsafe in production, said once when a server process starts
 * (lib/server-start.ts). They do not stop the app: each has a legitimate use (tests, local
 * development, a private network), so the operator decides, but never without being told.
 */
import { isIP } from "node:net";
import type { Config } from "./env";

/** Whether `host` only ever accepts connections from this machine. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, "$1").toLowerCase();
  if (bare === "localhost" || bare === "::1") return true;
  return isIP(bare) === 4 && bare.startsWith("127.");
}

export function startupWarnings(config: Pick<Config, "devAllowLoopback" | "publicUrl" | "machineApiPort" | "machineApiHost">): string[] {
  const warnings: string[] = [];
  if (config.devAllowLoopback) {
    warnings.push(
      "latchkey: warning: LATCHKEY_DEV_ALLOW_LOOPBACK=1 lets vendor URLs use http: and loopback or private addresses (the SSRF guard is relaxed). For tests and local development only.",
    );
  }
  // The side port speaks plain HTTP. Behind an https public URL, workers are expected to use TLS;
  // a side port reachable from the network would carry their API keys and tokens in clear text.
  if (config.machineApiPort && config.publicUrl.startsWith("https:") && !isLoopbackHost(config.machineApiHost)) {
    warnings.push(
      `latchkey: warning: the machine API port ${config.machineApiPort} listens on ${config.machineApiHost} without TLS while LATCHKEY_PUBLIC_URL is https: API keys and tokens cross the network in clear text. ` +
        "Leave LATCHKEY_MACHINE_API_HOST at 127.0.0.1 and put a TLS proxy in front of the port.",
    );
  }
  return warnings;
}
