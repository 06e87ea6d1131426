/**
 * Connector configuration: create, edit, duplicate, delete. Secrets are sealed here, at the
 * point they are written (SECURITY 7, 10); every change is an event naming the changed fields,
 * never their values.
 */
import type { KeyRing } from "../crypto/key-ring";
import type { Db } from "../db";
import { DomainError } from "../errors";
import { recordEvent, type Actor } from "../events";
import { newId } from "../ids";
import { sealField } from "../secrets/sealed-fields";
import { changedFields, connectorColumns, credentialTypeOf, extraRows, formValuesOf, type SealExtra, type WriteOnlyField } from "./records";
import { unsealField } from "../secrets/sealed-fields";
import type { KeyRing as Ring } from "../crypto/key-ring";
import type { ConnectorInput } from "./schema";
import { ORIGIN_CHANGED_SECRET_MESSAGE, vendorUrlsWithNewOrigin, type VendorUrlField } from "./vendor-origins";
import { serializedPublicJwk } from "./jwks";

const NAME_TAKEN = "Another connector already has this name";

/** A transaction client, as `db.$transaction` hands it to its callback. */
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/**
 * Drops the stored tokens an edit makes unsafe: revokes them with the configuration saved before
 * the edit, then deletes them in one transaction with `writeChange(tx, revocation)`, the edit
 * itself, all under the token lease (lib/tokens/forget-tokens.ts). Passed in by the caller
 * (lib/connector-admin/service.ts): the token lifecycle is built on this folder, not below it.
 */
export type ForgetTokens = (writeChange: (tx: Tx, revocation: string) => Promise<void>) => Promise<unknown>;

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

type StoredSecrets = Record<WriteOnlyField, boolean>;
const NOTHING_STORED: StoredSecrets = { clientSecret: false, privateKey: false, apiKey: false, basicUsername: false, basicPassword: false };

/**
 * The write-only values a configuration needs, given what is typed now and what is stored. Each
 * missing one is an error on its own field. Secrets of another credential type are not needed.
 */
function assertSecretsPresent(input: ConnectorInput, stored: StoredSecrets): void {
  const has = (field: WriteOnlyField) => input[field] !== "" || stored[field];
  const missing = (field: WriteOnlyField, message: string) => {
    if (!has(field)) throw new DomainError("INVALID_INPUT", message, field);
  };
  if (input.credentialType === "api_key") return missing("apiKey", "Enter the API key");
  if (input.credentialType === "basic") {
    missing("basicUsername", "Enter the user name");
    return missing("basicPassword", "Enter the password");
  }
  if (input.grantType === "jwt_bearer") return missing("privateKey", "JWT Bearer needs the Private Key that signs the assertion");
  if (input.grantType === "client_credentials" && input.clientAuth !== "private_key_jwt") missing("clientSecret", "Client Credentials needs the Client Secret");
}

/** Sealed columns for the write-only values typed in this save; untouched ones are left out (kept). */
function sealedColumns(ring: Ring, id: string, input: ConnectorInput) {
  const columns: Record<string, string | null> = {};
  if (input.clientSecret) columns.clientSecretEnc = sealField(ring, "Connector.clientSecret", id, input.clientSecret);
  if (input.privateKey) {
    columns.privateKeyEnc = sealField(ring, "Connector.privateKey", id, input.privateKey);
    // Its public half, for the JWKS URL (SECURITY 44); null when the key cannot be read.
    columns.publicJwk = serializedPublicJwk(input.privateKey, input.signingAlg);
  }
  if (input.apiKey) columns.apiKeyEnc = sealField(ring, "Connector.apiKey", id, input.apiKey);
  if (input.basicUsername) columns.basicUsernameEnc = sealField(ring, "Connector.basicUsername", id, input.basicUsername);
  if (input.basicPassword) columns.basicPasswordEnc = sealField(ring, "Connector.basicPassword", id, input.basicPassword);
  return columns;
}

function typedSecrets(input: ConnectorInput): WriteOnlyField[] {
  return (["clientSecret", "privateKey", "apiKey", "basicUsername", "basicPassword"] as const).filter((field) => input[field] !== "");
}

type StoredExtra = { request: string; kind: string; name: string; secret: boolean; valueEnc: string | null; id: string };

/**
 * Seals secret extras for their new rows: a typed value, or else the stored value of the row
 * with the same request, kind and name (opened and sealed again under the new row's id). A
 * secret row with neither is refused on its value field: the form must name its value. After a
 * vendor URL moved to another origin nothing is kept (`stored` is empty) and the message says why.
 */
function secretExtraSealer(ring: Ring, stored: StoredExtra[], { originChanged = false } = {}): SealExtra {
  return (rowId, row) => {
    if (row.value !== "") return sealField(ring, "ConnectorExtra.value", rowId, row.value);
    const kept = stored.find((old) => old.secret && old.valueEnc && old.request === row.request && old.kind === row.kind && old.name === row.name);
    if (!kept?.valueEnc) {
      const what = `the secret ${row.kind === "header" ? "header" : "parameter"} ${row.name}`;
      const message = originChanged
        ? `The vendor URL's origin changed: enter the value of ${what} again.`
        : `Enter the value of ${what}: it is stored encrypted and never shown again.`;
      throw new DomainError("INVALID_INPUT", message, `extras.${row.request}.${row.kind}s.${row.position}.value`);
    }
    return sealField(ring, "ConnectorExtra.value", rowId, unsealField(ring, "ConnectorExtra.value", kept.id, kept.valueEnc));
  };
}

export async function createConnector(db: Db, ring: KeyRing, actor: Actor, input: ConnectorInput): Promise<{ id: string }> {
  assertSecretsPresent(input, NOTHING_STORED);
  await assertNameFree(db, input.name);
  const id = newId();
  const rows = extraRows(id, input.extras, secretExtraSealer(ring, []));
  try {
    await db.$transaction(async (tx) => {
      await tx.connector.create({ data: { id, ...connectorColumns(input), ...sealedColumns(ring, id, input) } });
      await tx.connectorExtra.createMany({ data: rows });
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
 * the old origin and dropped through `forgetTokens` (vendor-origins.ts says why). Every save bumps
 * configVersion. Callers use updateConnector (lib/connector-admin/service.ts), which passes the
 * token lifecycle's forgetTokens and clears the machine API's caches afterwards.
 */
export async function editConnector(
  db: Db,
  ring: KeyRing,
  actor: Actor,
  id: string,
  input: ConnectorInput,
  forgetTokens: ForgetTokens,
): Promise<{ changed: string[]; originChanged: VendorUrlField[] }> {
  const before = await loadConnector(db, id);
  await assertNameFree(db, input.name, id);
  const replaceSecret = input.clientSecret !== "";
  const stored: StoredSecrets = {
    clientSecret: before.clientSecretEnc !== null,
    privateKey: before.privateKeyEnc !== null,
    apiKey: before.apiKeyEnc !== null,
    basicUsername: before.basicUsernameEnc !== null,
    basicPassword: before.basicPasswordEnc !== null,
  };
  assertSecretsPresent(input, stored);
  const saved = formValuesOf(before);
  const originChanged = vendorUrlsWithNewOrigin(saved, input);
  // Without this, an admin session could keep the stored secret and point the token URL at its own server.
  if (originChanged.length && !replaceSecret && before.clientSecretEnc) {
    throw new DomainError("INVALID_INPUT", ORIGIN_CHANGED_SECRET_MESSAGE, "clientSecret");
  }
  assertNoSecretFollowsNewOrigin(before, input, originChanged.length > 0);
  const changed = changedFields(saved, input, typedSecrets(input));
  const rows = extraRows(id, input.extras, secretExtraSealer(ring, originChanged.length ? [] : before.extras, { originChanged: originChanged.length > 0 }));
  const writeEdit = async (tx: Tx) => {
    await tx.connector.update({
      where: { id },
      data: {
        ...connectorColumns(input),
        ...sealedColumns(ring, id, input),
        configVersion: { increment: 1 },
      },
    });
    await tx.connectorExtra.deleteMany({ where: { connectorId: id } });
    await tx.connectorExtra.createMany({ data: rows });
    await recordEvent(tx, actor, { connectorId: id, type: "connector.updated", detail: { name: input.name, changed } });
  };
  // SECURITY 43 (issue 12, helper B): the stored token of a static connector IS its credential,
  // so a newly typed one, or another credential type, drops it under the lease like an origin change.
  const credentialReplaced = storedCredentialReplaced(before.credentialType, input);
  try {
    if (originChanged.length === 0 && !credentialReplaced) {
      await db.$transaction(writeEdit);
    } else {
      await forgetTokens(async (tx, revocation) => {
        await writeEdit(tx);
        // Field names only: the URLs themselves may be an attacker's, and are in the connector anyway.
        if (originChanged.length)
          await recordEvent(tx, actor, { connectorId: id, type: "connector.origin_changed", detail: { urls: originChanged, revocation } });
      });
    }
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainError("CONFLICT", NAME_TAKEN, "name");
    throw error;
  }
  return { changed, originChanged };
}

/** A static credential typed in this save, or a change of credential type: the stored token belongs to the old credential. */
function storedCredentialReplaced(savedType: string, input: ConnectorInput): boolean {
  if (credentialTypeOf(savedType) !== input.credentialType) return true;
  if (input.credentialType === "api_key") return input.apiKey !== "";
  return input.credentialType === "basic" && (input.basicUsername !== "" || input.basicPassword !== "");
}

/**
 * SECURITY 42: a stored private key, static credential or secret extra goes only where the admin
 * who entered it sent it. When a vendor URL moves to another origin (or, for a static credential,
 * the API Base URL does), each one that would follow must be entered again. (Secret extras are
 * then not kept at all: secretExtraSealer gets no stored rows and asks for every value.)
 */
function assertNoSecretFollowsNewOrigin(
  before: { privateKeyEnc: string | null; apiKeyEnc: string | null; basicUsernameEnc: string | null; apiBaseUrl: string | null },
  input: ConnectorInput,
  vendorOriginChanged: boolean,
): void {
  if (vendorOriginChanged && before.privateKeyEnc && !input.privateKey) {
    throw new DomainError(
      "INVALID_INPUT",
      "The vendor URL's origin changed: paste the private key again, or generate a new key pair after saving.",
      "privateKey",
    );
  }
  if (input.credentialType === "oauth2") return;
  const baseOrigin = (url: string | null) => {
    try {
      return url ? new URL(url).origin : null;
    } catch {
      return null;
    }
  };
  if (baseOrigin(before.apiBaseUrl) === baseOrigin(input.apiBaseUrl || null)) return;
  if (input.credentialType === "api_key" && before.apiKeyEnc && !input.apiKey)
    throw new DomainError("INVALID_INPUT", "The API Base URL's origin changed: enter the API key again.", "apiKey");
  if (input.credentialType === "basic" && before.basicUsernameEnc && (!input.basicUsername || !input.basicPassword)) {
    throw new DomainError(
      "INVALID_INPUT",
      "The API Base URL's origin changed: enter the user name and password again.",
      input.basicUsername ? "basicPassword" : "basicUsername",
    );
  }
}

function copyName(name: string, taken: Set<string>): string {
  const base = `${name} (copy)`.slice(0, 100);
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${name} (copy ${n})`.slice(0, 100);
    if (!taken.has(candidate)) return candidate;
  }
}

/** Copies the configuration, not the secrets (client secret, private key, static credentials, secret extras) and not the tokens. */
export async function duplicateConnector(db: Db, actor: Actor, id: string): Promise<{ id: string; name: string }> {
  const source = await loadConnector(db, id);
  const values = formValuesOf(source);
  const names = await db.connector.findMany({ where: { name: { startsWith: source.name } }, select: { name: true } });
  const name = copyName(source.name, new Set(names.map((n) => n.name)));
  const copyId = newId();
  await db.$transaction(async (tx) => {
    await tx.connector.create({ data: { id: copyId, ...connectorColumns({ ...values, name } as ConnectorInput) } });
    // Secret extras are copied as empty secret rows: the copy's admin enters their values.
    await tx.connectorExtra.createMany({ data: extraRows(copyId, values.extras as ConnectorInput["extras"], () => null) });
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
