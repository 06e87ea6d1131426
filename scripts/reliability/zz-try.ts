import { runFaultMatrix } from "/work/main/scripts/reliability/fault-matrix";
import { databaseFactory, sharedSecrets, REDIRECT_URI } from "/work/main/scripts/reliability/seed";
import { startVendorFront } from "/work/main/scripts/reliability/vendor-front";
import { startPrivatePostgres } from "/work/main/scripts/reliability/private-postgres";
async function main(){
const t0 = Date.now();
const pg = process.argv.includes("--pg") ? await startPrivatePostgres() : null;
console.log("pg", (Date.now()-t0)/1000);
const dbs = databaseFactory(pg, sharedSecrets());
const front = await startVendorFront({ redirectUris: [REDIRECT_URI] });
try {
  const r = await runFaultMatrix(dbs, front, pg, null, (l) => console.log(l), process.env.ONLY ? new RegExp(process.env.ONLY) : null);
  console.log(JSON.stringify(r, null, 1));
} finally { await front.close(); await dbs.close(); await pg?.stop(); }
console.log("total", (Date.now()-t0)/1000);
process.exit(0);

}
void main();
