/**
 * Runs once when a server instance starts: validates configuration (fail fast, one line naming
 * the variable) and creates the bootstrap admin from LATCHKEY_ADMIN_EMAIL/PASSWORD if needed.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startServer } = await import("./lib/server-start");
  await startServer();
}
