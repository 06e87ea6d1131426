/**
 * A second app process for the fault matrix's "process killed mid-refresh" rows: its own database
 * client, configured from the environment like the app, runs one background-refresher pass
 * (lib/tokens/refresher/loop.ts refreshDueTokens) when told "go" over IPC. The run kills it with
 * SIGKILL while its vendor call is held. Started with `node --import tsx`, so its pid is this
 * process (not a tsx wrapper) and the signal reaches it.
 */
import { createDb } from "../../lib/db";
import { loadConfig } from "../../lib/env";
import { refreshDueTokens } from "../../lib/tokens/refresher/loop";

async function main() {
  const config = loadConfig(process.env, () => {});
  const db = createDb(config.databaseUrl);
  await db.token.count(); // connected before the run says go
  process.on("message", (message: string) => {
    if (message === "go") void refreshDueTokens(db, config).then((report) => process.send?.({ type: "done", report }));
  });
  process.send?.({ type: "ready" });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.name : "error");
  process.exit(1);
});
