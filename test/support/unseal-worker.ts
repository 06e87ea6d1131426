/**
 * A separate app process for the key-rotation tests: configured from the environment like the
 * app (DATABASE_URL, LATCHKEY_DATA_DIR's key file or LATCHKEY_ENCRYPTION_KEYS), it keeps opening
 * the sealed values of the given connectors and tokens through the app's own readers
 * (loadOAuthClient, readStoredToken) while a rotation runs in another process.
 *
 * IPC: "start" begins the loop; "report" lets the pass in progress finish, runs one more full
 * pass (so every value rotated before "report" is read at least once), then answers with what
 * the loop saw. Failures carry the error class and message (UnsealError messages name the
 * field and key id, never a value).
 */
import { createDb } from "@/lib/db";
import { sealedKeyId } from "@/lib/crypto/seal";
import { loadConfig } from "@/lib/env";
import { loadOAuthClient } from "@/lib/connectors/oauth-client";
import { readStoredToken } from "@/lib/tokens/token-store";

export type UnsealWorkerCommand = { type: "start"; connectorIds: string[]; expected: Record<string, string> } | { type: "report" } | { type: "exit" };
export interface UnsealWorkerReport {
  passes: number;
  opened: number;
  failures: string[];
  /** Key ids of the stored values the last pass opened. */
  keyIdsLastPass: string[];
  /** The key this process seals new values with after the last pass. */
  sealsWith: string;
}
export type UnsealWorkerMessage = { type: "ready" } | { type: "report"; report: UnsealWorkerReport };

async function main() {
  const config = loadConfig(process.env, () => {});
  const db = createDb(config.databaseUrl);
  await db.connector.count(); // connect before the test starts the loop
  const send = (message: UnsealWorkerMessage) => process.send?.(message);

  let running = false;
  let reportRequested = false;
  const state: UnsealWorkerReport = { passes: 0, opened: 0, failures: [], keyIdsLastPass: [], sealsWith: "" };

  /** One pass: every connector's client secret and its token's access and refresh token, checked against the expected plaintexts. */
  async function pass(connectorIds: string[], expected: Record<string, string>): Promise<string[]> {
    const keyIds = new Set<string>();
    for (const id of connectorIds) {
      try {
        const client = await loadOAuthClient(db, config.keyRing, id);
        const token = await readStoredToken(db, config.keyRing, id);
        const row = await db.connector.findUnique({ where: { id }, select: { clientSecretEnc: true } });
        if (client.config.clientSecret !== expected[`${id}/secret`]) throw new Error(`client secret of ${id} opened to the wrong value`);
        if (token?.accessToken !== expected[`${id}/access`] || token?.refreshToken !== expected[`${id}/refresh`])
          throw new Error(`token of ${id} opened to the wrong value`);
        keyIds.add(sealedKeyId(row?.clientSecretEnc ?? "") ?? "?");
        state.opened += 3;
      } catch (error) {
        state.failures.push(error instanceof Error ? `${error.name}: ${error.message}` : "non-error thrown");
      }
    }
    state.passes += 1;
    return [...keyIds].sort();
  }

  process.on("message", (command: UnsealWorkerCommand) => {
    if (command.type === "exit") {
      void db.$disconnect().finally(() => process.exit(0));
      return;
    }
    if (command.type === "report") {
      reportRequested = true;
      return;
    }
    if (running) return;
    running = true;
    void (async () => {
      while (!reportRequested) {
        await pass(command.connectorIds, command.expected);
        // Let the IPC message that asks for the report in (a pass may complete without leaving the microtask queue).
        await new Promise((resolve) => setImmediate(resolve));
      }
      state.keyIdsLastPass = await pass(command.connectorIds, command.expected);
      state.sealsWith = config.keyRing.currentId;
      send({ type: "report", report: state });
    })();
  });
  send({ type: "ready" });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
