/**
 * Key rotation (SECURITY 9): re-encrypt every sealed value that is not under the key ring's
 * current key, while the app keeps running.
 *
 * "Online" means no lock and no long transaction: each column is walked in id order, one batch
 * at a time, and each row is written with a compare-and-set on the value that was read. A row
 * that a request or the refresher changed in between is never overwritten; it is counted,
 * re-read and rotated from its new value. A value that cannot be opened stops the run with an
 * error naming the model, column and row (never the value), because skipping it would leave a
 * secret that the old key is still needed for, while the report claimed success.
 */
import { sealedKeyId, UnsealError } from "../crypto/seal";
import type { KeyRing } from "../crypto/key-ring";
import type { Db } from "../db";
import { SEALED_FIELDS, SEALED_FIELD_NAMES, sealField, unsealField, type SealedFieldName } from "./sealed-fields";

export interface RotationCounts {
  /** Rows with a value in this column. */
  examined: number;
  /** Values re-encrypted under the current key. */
  rotated: number;
  /** Values that were already under the current key. */
  alreadyCurrent: number;
  /** Compare-and-set misses: the value changed between read and write, so it was re-read. */
  changedConcurrently: number;
}

export interface RotationReport {
  /** The key every value is now sealed with. */
  keyId: string;
  columns: Record<SealedFieldName, RotationCounts>;
}

export interface RotateOptions {
  /** Rows read per query. */
  batchSize?: number;
}

export class RotationError extends Error {
  override name = "RotationError";
}

const DEFAULT_BATCH_SIZE = 100;
/** A row rewritten this many times during one rotation is under constant churn; ask for a re-run instead of spinning. */
const MAX_ATTEMPTS_PER_ROW = 5;

type Row = { id: string } & Record<string, string | null | undefined>;

/**
 * The slice of a Prisma model delegate that rotation uses. The registry's type guarantees the
 * column is a text column of a model with a string id, which is all these calls rely on.
 */
interface SealedColumnTable {
  findMany(args: { where?: object; orderBy: { id: "asc" }; take: number; select: Record<string, true> }): Promise<Row[]>;
  findUnique(args: { where: { id: string }; select: Record<string, true> }): Promise<Row | null>;
  updateMany(args: { where: Record<string, unknown>; data: Record<string, string> }): Promise<{ count: number }>;
}

function tableOf(db: Db, model: string): SealedColumnTable {
  const property = model.charAt(0).toLowerCase() + model.slice(1);
  const table = (db as unknown as Record<string, SealedColumnTable | undefined>)[property];
  if (!table) throw new RotationError(`sealed field registry names model ${model}, which the database client does not have`);
  return table;
}

export async function rotateSecrets(db: Db, ring: KeyRing, options: RotateOptions = {}): Promise<RotationReport> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RotationError("batchSize must be a positive integer");
  if (!ring.keys.has(ring.currentId)) throw new RotationError(`the current key "${ring.currentId}" is missing from the key ring`);

  const columns = {} as Record<SealedFieldName, RotationCounts>;
  for (const name of SEALED_FIELD_NAMES) {
    columns[name] = await rotateColumn(db, ring, name, batchSize);
  }
  return { keyId: ring.currentId, columns };
}

async function rotateColumn(db: Db, ring: KeyRing, name: SealedFieldName, batchSize: number): Promise<RotationCounts> {
  const { model, column } = SEALED_FIELDS[name];
  const table = tableOf(db, model);
  const counts: RotationCounts = { examined: 0, rotated: 0, alreadyCurrent: 0, changedConcurrently: 0 };
  let after: string | undefined;
  for (;;) {
    // Keyset pagination: stable while rows are inserted or deleted, unlike offsets.
    // Nulls are skipped in code because `{ not: null }` is rejected on required columns.
    const rows = await table.findMany({
      where: after === undefined ? undefined : { id: { gt: after } },
      orderBy: { id: "asc" },
      take: batchSize,
      select: { id: true, [column]: true },
    });
    for (const row of rows) {
      const value = row[column];
      if (value == null) continue;
      counts.examined += 1;
      await rotateRow(table, ring, name, row.id, value, counts);
    }
    const last = rows.at(-1);
    if (!last || rows.length < batchSize) return counts;
    after = last.id;
  }
}

async function rotateRow(table: SealedColumnTable, ring: KeyRing, name: SealedFieldName, id: string, value: string, counts: RotationCounts): Promise<void> {
  const { model, column } = SEALED_FIELDS[name];
  let current: string | null = value;
  for (let attempt = 1; ; attempt += 1) {
    // Cleared or deleted meanwhile: nothing left to rotate.
    if (current === null) return;
    if (sealedKeyId(current) === ring.currentId) {
      counts.alreadyCurrent += 1;
      return;
    }
    const resealed = sealField(ring, name, id, openOrExplain(ring, name, id, current));
    const { count } = await table.updateMany({ where: { id, [column]: current }, data: { [column]: resealed } });
    if (count === 1) {
      counts.rotated += 1;
      return;
    }
    counts.changedConcurrently += 1;
    if (attempt >= MAX_ATTEMPTS_PER_ROW) {
      throw new RotationError(`${model}.${column} of row ${id} changed ${attempt} times during rotation; run the rotation again`);
    }
    const fresh = await table.findUnique({ where: { id }, select: { id: true, [column]: true } });
    current = fresh?.[column] ?? null;
  }
}

function openOrExplain(ring: KeyRing, name: SealedFieldName, id: string, sealed: string): string {
  try {
    return unsealField(ring, name, id, sealed);
  } catch (error) {
    const { model, column } = SEALED_FIELDS[name];
    // UnsealError messages name the field and key id only; anything else is not echoed.
    const reason = error instanceof UnsealError ? error.message : "unexpected error while decrypting";
    throw new RotationError(
      `cannot decrypt ${model}.${column} of row ${id} (${reason}). Rotation stopped; values already rotated stay readable. ` +
        `Restore the missing key to the ring, or clear this value, then run the rotation again.`,
      { cause: error },
    );
  }
}
