/**
 * Seals secret extras still stored in plain text (SECURITY 42).
 *
 * The issue-12 migration marked existing extra rows with secret-looking names `secret`, but SQL
 * has no key ring: their values stay in `value` until this runs. It runs when a server starts
 * (lib/server-start.ts, before the refresher sends anything) and before `keys:rotate` (so a
 * rotation never reports "done" while a secret sits outside every key). With nothing to seal it
 * costs one small query.
 *
 * Like rotation (rotate.ts), it works while other instances run: rows are read in id order, one
 * batch at a time, and each is written with a compare-and-set on what was read. A row an edit
 * rewrote meanwhile (edits replace extra rows wholesale) or another instance sealed first is
 * left alone and counted. Running it again finds nothing.
 */
import type { KeyRing } from "../crypto/key-ring";
import type { Db } from "../db";
import { sealField } from "./sealed-fields";

export interface SealExtrasReport {
  /** Rows whose plain value was sealed into valueEnc and cleared. */
  sealed: number;
  /** Rows changed between read and write (edited, deleted, or sealed by another instance). */
  changedConcurrently: number;
}

const DEFAULT_BATCH_SIZE = 100;

export async function sealSecretExtras(db: Db, ring: KeyRing, { batchSize = DEFAULT_BATCH_SIZE }: { batchSize?: number } = {}): Promise<SealExtrasReport> {
  const report: SealExtrasReport = { sealed: 0, changedConcurrently: 0 };
  const waiting = { secret: true, valueEnc: null, value: { not: "" } };
  let after: string | undefined;
  for (;;) {
    const rows = await db.connectorExtra.findMany({
      where: after === undefined ? waiting : { ...waiting, id: { gt: after } },
      orderBy: { id: "asc" },
      take: batchSize,
      select: { id: true, value: true },
    });
    for (const row of rows) {
      const valueEnc = sealField(ring, "ConnectorExtra.value", row.id, row.value);
      const { count } = await db.connectorExtra.updateMany({
        where: { id: row.id, secret: true, valueEnc: null, value: row.value },
        data: { valueEnc, value: "" },
      });
      if (count === 1) report.sealed += 1;
      else report.changedConcurrently += 1;
    }
    const last = rows.at(-1);
    if (!last || rows.length < batchSize) return report;
    after = last.id;
  }
}
