/**
 * The one list of database columns that hold sealed secrets (SECURITY 7, 9), and the helpers
 * that seal and open them. Callers name an entry ("Connector.clientSecret") instead of building
 * a seal context by hand, so the associated data for a column is spelled in exactly one place
 * and key rotation (lib/secrets/rotate.ts) reaches every sealed column without a second list.
 *
 * Adding a sealed column: add a `*Enc` string column with a text `id` primary key to both
 * Prisma schemas, then an entry here. The entry's name must be `<model>.<field>`, and the
 * field name is part of every ciphertext's associated data: never rename it once values exist.
 */
import { seal, unseal, type SealContext } from "../crypto/seal";
import type { KeyRing } from "../crypto/key-ring";
import type { Prisma } from "../db";

type Scalars<M extends Prisma.ModelName> = Prisma.TypeMap["model"][M]["payload"]["scalars"];

/** Models whose rows are addressed by a string `id`: the id is bound into the associated data. */
type ModelWithId = { [M in Prisma.ModelName]: Scalars<M> extends { id: string } ? M : never }[Prisma.ModelName];

/** The model's text columns named `...Enc`, the schema's convention for sealed values. */
type EncColumn<M extends ModelWithId> = {
  [C in keyof Scalars<M>]: C extends `${string}Enc` ? (Scalars<M>[C] extends string | null ? C : never) : never;
}[keyof Scalars<M>];

export interface SealedField<M extends ModelWithId = ModelWithId> {
  /** Prisma model name; also the `model` of the seal context. */
  model: M;
  /** Column that stores the sealed value. */
  column: EncColumn<M> & string;
  /** Field name in the associated data. */
  field: string;
}

function sealedField<M extends ModelWithId>(model: M, column: EncColumn<M> & string, field: string): SealedField<M> {
  return { model, column, field };
}

export const SEALED_FIELDS = {
  "Connector.clientSecret": sealedField("Connector", "clientSecretEnc", "clientSecret"),
  "Connector.privateKey": sealedField("Connector", "privateKeyEnc", "privateKey"),
  "Connector.apiKey": sealedField("Connector", "apiKeyEnc", "apiKey"),
  "Connector.basicUsername": sealedField("Connector", "basicUsernameEnc", "basicUsername"),
  "Connector.basicPassword": sealedField("Connector", "basicPasswordEnc", "basicPassword"),
  "ConnectorExtra.value": sealedField("ConnectorExtra", "valueEnc", "value"),
  "Token.accessToken": sealedField("Token", "accessTokenEnc", "accessToken"),
  "Token.refreshToken": sealedField("Token", "refreshTokenEnc", "refreshToken"),
  "PendingAuthorization.codeVerifier": sealedField("PendingAuthorization", "codeVerifierEnc", "codeVerifier"),
  "AlertWebhook.secret": sealedField("AlertWebhook", "secretEnc", "secret"),
} as const;

export type SealedFieldName = keyof typeof SEALED_FIELDS;

/** Every entry, in registry order (the order rotation walks and reports them). */
export const SEALED_FIELD_NAMES = Object.keys(SEALED_FIELDS) as SealedFieldName[];

/** The seal context (associated data) of one registry entry in one row. */
export function sealContext(name: SealedFieldName, id: string): SealContext {
  const { model, field } = SEALED_FIELDS[name];
  return { model, id, field };
}

/** Seals `plaintext` for column `name` of row `id`, with the ring's current key. */
export function sealField(ring: KeyRing, name: SealedFieldName, id: string, plaintext: string): string {
  return seal(ring, sealContext(name, id), plaintext);
}

/** Opens a value read from column `name` of row `id`; throws UnsealError if it belongs elsewhere or was altered. */
export function unsealField(ring: KeyRing, name: SealedFieldName, id: string, sealed: string): string {
  return unseal(ring, sealContext(name, id), sealed);
}
