/**
 * Connector configuration: create, edit, duplicate, delete. Secrets are sealed here, at the
 * point they are written (SECURITY 7, 10); every change is an event naming the changed fields,
 * never their values.
 */
import type { KeyRing } from "../crypto/key-ring";
import type { Db } from "../db";
import type { Config } from "../env";
import { DomainError } from "../errors";
import { recordEvent, type Actor } from "../events";
import { newId } from "../ids";
import { sealField } from "../secrets/sealed-fields";
import { changedFields, connectorColumns, extraRows, formValuesOf } from "./records";
import type { ConnectorInput } from "./schema";
import { ORIGIN_CHANGED_SECRET_MESSAGE, vendorUrlsWithNewOrigin, type VendorUrlField } from "./vendor-origins";
import { revokeAndForgetTokens, type Tx } from "../tokens/forget-tokens";

const NAME_TAKEN = "Another connector already has this name";

async function assertNameFree(db: Db, name: string, exceptId?: string): Promise<void> {
  const clash = await db.connector.findFirst({ where: { name, ...(exceptId ? { id: { not: exceptId } } : {}) }, select: { id: true } });
  if (clash) throw new DomainError("CONFLICT", NAME_TAKEN, "name");
}

/** Unique-constraint races after the pre-check still map onto the name field. */
function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}

async function loadConnector(db: Db, id: string) {
  const row = await db.connector.findUnique({ where: { id }, include: { extras: true } });
  if (!row) throw new DomainError("NOT_FOUND", "This connector no longer exists.");
  return row;
}

export async function createConnector(db: Db, ring: KeyRing, actor: Actor, input: ConnectorInput): Promise<{ id: string }> {
  if (input.grantType === "client_credentials" && !input.clientSecret) {
    throw new DomainError("INVALID_INPUT", "Client Credentials needs the Client Secret", "clientSecret");
  }
  await assertNameFree(db, input.name);
  const id = newId();
  try {
    await db.$transaction(async (tx) => {
      await tx.connector.create({
        data: { id, ...connectorColumns(input), clientSecretEnc: input.clientSecret ? sealField(ring, "Connector.clientSecret", id, input.clientSecret) : null },
      });
      await tx.connectorExtra.createMany({ data: extraRows(id, input.extras) });
      await recordEvent(tx, actor, { connectorId: id, type: "connector.created", detail: { name: input.name, grantType: input.grantType } });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainError("CONFLICT", NAME_TAKEN, "name");
    throw error;
  }
  return { id };
}

/**
 * Saves an edit. An empty Client Secret keeps the stored one, unless the edit moves a vendor URL
 * to another origin: then the secret must be entered again, and the stored tokens are revoked at
 * the old origin and dropped (vendor-origins.ts says why). Every save bumps configVersion.
 */
export async function updateConnector(db: Db, config: Config, actor: Actor, id: string, input: ConnectorInput): Promise<{ changed: string[]; originChanged: VendorUrlField[] }> {
  const before = await loadConnector(db, id);
  await assertNameFree(db, input.name, id);
  const replaceSecret = input.clientSecret !== "";
  if (input.grantType === "client_credentials" && !replaceSecret && !before.clientSecretEnc) {
    throw new DomainError("INVALID_INPUT", "Client Credentials needs the Client Secret", "clientSecret");
  }
  const saved = formValuesOf(before);
  const originChanged = vendorUrlsWithNewOrigin(saved, input);
  // Without this, an admin session could keep the stored secret and point the token URL at its own server.
  if (originChanged.length && !replaceSecret && before.clientSecretEnc) {
    throw new DomainError("INVALID_INPUT", ORIGIN_CHANGED_SECRET_MESSAGE, "clientSecret");
  }
  const changed = changedFields(saved, input, replaceSecret);
  const writeEdit = async (tx: Tx) => {
    await tx.connector.update({
      where: { id },
      data: {
        ...connectorColumns(input),
        ...(replaceSecret ? { clientSecretEnc: sealField(config.keyRing, "Connector.clientSecret", id, input.clientSecret) } : {}),
        configVersion: { increment: 1 },
      },
    });
    await tx.connectorExtra.deleteMany({ where: { connectorId: id } });
    await tx.connectorExtra.createMany({ data: extraRows(id, input.extras) });
    await recordEvent(tx, actor, { connectorId: id, type: "connector.updated", detail: { name: input.name, changed } });
  };
  try {
    if (originChanged.length === 0) {
      await db.$transaction(writeEdit);
    } else {
      await revokeAndForgetTokens(db, config, actor, id, async (tx, revocation) => {
        await writeEdit(tx);
        // Field names only: the URLs themselves may be an attacker's, and are in the connector anyway.
        await recordEvent(tx, actor, { connectorId: id, type: "connector.origin_changed", detail: { urls: originChanged, revocation } });
      });
    }
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainError("CONFLICT", NAME_TAKEN, "name");
    throw error;
  }
  return { changed, originChanged };
}

function copyName(name: string, taken: Set<string>): string {
  const base = `${name} (copy)`.slice(0, 100);
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${name} (copy ${n})`.slice(0, 100);
    if (!taken.has(candidate)) return candidate;
  }
}

/** Copies the configuration, not the secret and not the tokens: the copy must be given its own. */
export async function duplicateConnector(db: Db, actor: Actor, id: string): Promise<{ id: string; name: string }> {
  const source = await loadConnector(db, id);
  const values = formValuesOf(source);
  const names = await db.connector.findMany({ where: { name: { startsWith: source.name } }, select: { name: true } });
  const name = copyName(source.name, new Set(names.map((n) => n.name)));
  const copyId = newId();
  await db.$transaction(async (tx) => {
    await tx.connector.create({ data: { id: copyId, ...connectorColumns({ ...values, name } as ConnectorInput), clientSecretEnc: null } });
    await tx.connectorExtra.createMany({ data: extraRows(copyId, values.extras as ConnectorInput["extras"]) });
    await recordEvent(tx, actor, { connectorId: copyId, type: "connector.duplicated", detail: { name, from: source.name } });
  });
  return { id: copyId, name };
}

/** Removes the connector, its extras and its tokens. (Revocation at the vendor arrives with Disconnect.) */
export async function deleteConnector(db: Db, actor: Actor, id: string): Promise<void> {
  const row = await loadConnector(db, id);
  await db.$transaction(async (tx) => {
    await tx.connector.delete({ where: { id } });
    await recordEvent(tx, actor, { connectorId: null, type: "connector.deleted", detail: { name: row.name, id } });
  });
}
