/**
 * A separate app process for the multi-process token tests: its own database client and its
 * own in-process single flight, configured from the environment like the app (DATABASE_URL,
 * LATCHKEY_ENCRYPTION_KEYS, LATCHKEY_LEASE_TTL_SECONDS...). Driven over IPC by
 * test/support/worker-processes.ts: "go" fires `count` concurrent ensureFreshToken calls and
 * reports "triggered" as soon as all of them have been made (each has noted when it asked),
 * then "done" with what every caller got.
 */
import { createDb } from "@/lib/db";
import { loadConfig } from "@/lib/env";
import { ensureFreshToken } from "@/lib/tokens/fresh-token";

export type WorkerCommand = { type: "go"; connectorId: string; count: number; force: boolean } | { type: "exit" };
export type CallerResult = { ok: true; accessToken: string; refreshed: boolean; shared: boolean } | { ok: false; code: string };
export type WorkerMessage = { type: "ready" } | { type: "triggered" } | { type: "done"; results: CallerResult[] } | { type: "failed"; message: string };

async function main() {
  const config = loadConfig(process.env, () => {});
  const db = createDb(config.databaseUrl);
  const send = (message: WorkerMessage) => process.send?.(message);
  await db.token.count(); // connect before the test says go
  process.on("message", (command: WorkerCommand) => {
    if (command.type === "exit") {
      void db.$disconnect().finally(() => process.exit(0));
      return;
    }
    const calls = Array.from({ length: command.count }, () => ensureFreshToken(db, config, command.connectorId, { force: command.force }));
    send({ type: "triggered" });
    Promise.all(calls).then(
      (results) =>
        send({
          type: "done",
          results: results.map((r): CallerResult =>
            r.ok ? { ok: true, accessToken: r.accessToken, refreshed: r.refreshed, shared: r.shared } : { ok: false, code: r.error.code },
          ),
        }),
      (error: unknown) => send({ type: "failed", message: error instanceof Error ? `${error.name}: ${error.message}` : "non-error thrown" }),
    );
  });
  send({ type: "ready" });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
