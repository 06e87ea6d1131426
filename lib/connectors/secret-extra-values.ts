/**
 * The opened values of a connector's secret extras, for redaction only (SECURITY 42). The proxy
 * never sends them to the API, but an admin may have typed the same API key for the vendor's
 * token endpoint and its API, and the API may quote it: whatever shows a vendor's answer to a
 * person (Send test request) hides them too.
 */
import type { KeyRing } from "../crypto/key-ring";
import type { Db } from "../db";
import { unsealField } from "../secrets/sealed-fields";

export async function secretExtraValues(db: Db, ring: KeyRing, connectorId: string): Promise<string[]> {
  const rows = await db.connectorExtra.findMany({ where: { connectorId, secret: true }, select: { id: true, value: true, valueEnc: true } });
  // A row the issue-12 migration marked but start-up has not sealed yet still holds its value in plain text.
  return rows.map((row) => (row.valueEnc ? unsealField(ring, "ConnectorExtra.value", row.id, row.valueEnc) : row.value)).filter((value) => value !== "");
}
