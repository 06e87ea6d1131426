/**
 * Runs once when a server instance starts: validates configuration (fail fast, one line naming
 * the variable), creates the bootstrap admin from LATCHKEY_ADMIN_EMAIL/PASSWORD if needed, and
 * starts the background token refresher (Node runtime only; LATCHKEY_REFRESHER=0 disables it).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startServer } = await import("./lib/server-start");
  await startServer();
}
