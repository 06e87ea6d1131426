import { builtAppSnapshot } from "./app-build";
import { fuzzConnectorForm } from "./fuzz-form";
async function main() {
  const snap = process.env.SNAP ? { dir: process.env.SNAP, remove() {} } : builtAppSnapshot(console.log);
  console.log("snapshot", snap.dir);
  try {
    const r = await fuzzConnectorForm(snap.dir, { runs: Number(process.env.N ?? 100), seed: 7 }, console.log);
    console.log(JSON.stringify(r, null, 1));
  } finally { if (!process.env.KEEP) snap.remove(); }
  process.exit(0);
}
void main();
