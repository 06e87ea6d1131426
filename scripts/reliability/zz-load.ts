import { runLoad } from "./load";
import { startPrivatePostgres } from "./private-postgres";
import { sharedSecrets, REDIRECT_URI } from "./seed";
import { startVendorFront } from "./vendor-front";
async function main() {
  const pg = await startPrivatePostgres();
  const ttl = Number(process.env.TTL ?? 20);
  const front = await startVendorFront({ redirectUris: [REDIRECT_URI], accessTokenTtlSeconds: ttl });
  try {
    const r = await runLoad(process.env.SNAP!, pg, front, sharedSecrets(), { durationMs: Number(process.env.D ?? 20000), workers: 64, connectors: 4, killAtMs: Number(process.env.K ?? 8000) }, ttl, console.log);
    console.log(JSON.stringify(r, null, 1));
  } finally { await front.close(); await pg.stop(); }
  process.exit(0);
}
void main();
