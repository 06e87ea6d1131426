/**
 * Mapping between the form's shape (ConnectorInput) and the stored rows (Connector +
 * ConnectorExtra). Knows nothing about secrets beyond "is one set".
 */
import type { Prisma } from "../db";
import { newId } from "../ids";
import { grantTypeOf, type ClientAuthMethod, type SigningAlgorithm } from "../oauth";
import {
  CLIENT_AUTH_METHODS,
  CREDENTIAL_TYPES,
  EXTRA_REQUESTS,
  SIGNING_ALGORITHMS,
  type ConnectorFormValues,
  type ConnectorInput,
  type CredentialType,
  type ExtraRequest,
} from "./schema";

type ExtraRow = { request: string; kind: string; position: number; name: string; value: string; secret: boolean; valueEnc?: string | null };
type ConnectorRow = Prisma.ConnectorGetPayload<{ include: { extras: true } }>;
export type Extras = ConnectorInput["extras"];

/** Columns written from the form, everything except the secret. */
export function connectorColumns(input: ConnectorInput) {
  return {
    name: input.name,
    authPlacement: input.authPlacement,
    headerPrefix: input.headerPrefix,
    queryParamName: input.queryParamName || "access_token",
    // A static credential runs the non-interactive lifecycle: its token is "obtained" locally (SECURITY 43).
    grantType: input.credentialType === "oauth2" ? input.grantType : "client_credentials",
    credentialType: input.credentialType,
    authUrl: input.authUrl || null,
    tokenUrl: input.credentialType === "oauth2" ? input.tokenUrl : "",
    refreshUrl: input.refreshUrl || null,
    revocationUrl: input.revocationUrl || null,
    apiBaseUrl: input.apiBaseUrl || null,
    allowEncodedSlash: input.allowEncodedSlash,
    clientId: input.clientId,
    scopes: JSON.stringify(input.scopes),
    scopeSeparator: input.scopeSeparator,
    clientAuth: input.clientAuth,
    usePkce: input.usePkce,
    refreshIncludesScope: input.refreshIncludesScope,
    tokenBodyFormat: input.tokenBodyFormat,
    refreshTokenIdleDays: input.refreshTokenIdleDays,
    refreshTokenMaxDays: input.refreshTokenMaxDays,
    presetId: input.presetId || null,
    presetVersion: input.presetId ? input.presetVersion : null,
    presetVariables: JSON.stringify(input.presetId ? input.presetVariables : {}),
    issuerUrl: input.issuerUrl || null,
    requireIss: input.requireIss,
    accessTokenPath: input.accessTokenPath || null,
    metadataFields: JSON.stringify(input.metadataFields),
    keyId: input.keyId || null,
    signingAlg: input.signingAlg,
    jwtIssuer: input.jwtIssuer || null,
    jwtSubject: input.jwtSubject || null,
    jwtAudience: input.jwtAudience || null,
    jwtScopeIn: input.jwtScopeIn,
    grantTypeValue: input.grantTypeValue || "client_credentials",
    apiKeyHeader: input.apiKeyHeader || "Authorization",
  };
}

/**
 * Seals a secret extra's value for its new row, given the row id and the value the admin typed
 * (empty: keep the stored one, which the caller finds by request, kind and name). Returns null
 * when there is nothing to seal.
 */
export type SealExtra = (
  rowId: string,
  row: { request: ExtraRequest; kind: "header" | "param"; position: number; name: string; value: string },
) => string | null;

/** The rows to write. A secret row's value goes only to valueEnc, through `sealExtra` (SECURITY 42). */
export function extraRows(connectorId: string, extras: Extras, sealExtra: SealExtra) {
  return EXTRA_REQUESTS.flatMap((request) =>
    (["headers", "params"] as const).flatMap((list) =>
      extras[request][list].map((row, position) => {
        const id = newId();
        const kind = list === "headers" ? ("header" as const) : ("param" as const);
        const secret = row.secret === true;
        return {
          id,
          connectorId,
          request,
          kind,
          position,
          name: row.name,
          value: secret ? "" : row.value,
          secret,
          valueEnc: secret ? sealExtra(id, { request, kind, position, name: row.name, value: row.value }) : null,
        };
      }),
    ),
  );
}

/**
 * The stored rows as the form's extras. A secret value never leaves the server as form values:
 * the row says only that it is secret. `withSecretValues` is for the protocol layer, which the
 * caller hands rows already opened (oauth-client.ts).
 */
export function extrasOf(rows: ExtraRow[], { withSecretValues = false }: { withSecretValues?: boolean } = {}): Extras {
  const sorted = [...rows].sort((a, b) => a.position - b.position);
  const pick = (request: ExtraRequest, kind: string) =>
    sorted
      .filter((r) => r.request === request && r.kind === kind)
      .map(({ name, value, secret }) => ({ name, value: secret && !withSecretValues ? "" : value, secret }));
  return {
    auth: { headers: pick("auth", "header"), params: pick("auth", "param") },
    token: { headers: pick("token", "header"), params: pick("token", "param") },
    refresh: { headers: pick("refresh", "header"), params: pick("refresh", "param") },
  };
}

export function scopesOf(stored: string): string[] {
  try {
    const parsed: unknown = JSON.parse(stored);
    return Array.isArray(parsed) ? parsed.filter((s): s is string => typeof s === "string") : [];
  } catch {
    return [];
  }
}

/** The stored connector as form values. The secret is never included: the form shows only whether one is set. */
export function formValuesOf(row: ConnectorRow): ConnectorFormValues {
  return {
    name: row.name,
    authPlacement: row.authPlacement === "query" ? "query" : "header",
    headerPrefix: row.headerPrefix,
    queryParamName: row.queryParamName,
    grantType: grantTypeOf(row.grantType),
    credentialType: credentialTypeOf(row.credentialType),
    authUrl: row.authUrl ?? "",
    tokenUrl: row.tokenUrl,
    refreshUrl: row.refreshUrl ?? "",
    revocationUrl: row.revocationUrl ?? "",
    apiBaseUrl: row.apiBaseUrl ?? "",
    allowEncodedSlash: row.allowEncodedSlash,
    clientId: row.clientId,
    clientSecret: "",
    scopes: scopesOf(row.scopes),
    scopeSeparator: row.scopeSeparator === "," ? "," : " ",
    clientAuth: clientAuthOf(row.clientAuth),
    usePkce: row.usePkce,
    refreshIncludesScope: row.refreshIncludesScope,
    tokenBodyFormat: row.tokenBodyFormat === "json" ? "json" : "form",
    extras: extrasOf(row.extras),
    // Numbers as the schema outputs them, so changedFields compares like with like.
    refreshTokenIdleDays: row.refreshTokenIdleDays,
    refreshTokenMaxDays: row.refreshTokenMaxDays,
    presetId: row.presetId ?? "",
    presetVersion: row.presetVersion,
    presetVariables: variablesOf(row.presetVariables),
    issuerUrl: row.issuerUrl ?? "",
    requireIss: row.requireIss,
    accessTokenPath: row.accessTokenPath ?? "",
    metadataFields: metadataFieldsOf(row.metadataFields),
    privateKey: "",
    keyId: row.keyId ?? "",
    signingAlg: signingAlgOf(row.signingAlg),
    jwtIssuer: row.jwtIssuer ?? "",
    jwtSubject: row.jwtSubject ?? "",
    jwtAudience: row.jwtAudience ?? "",
    jwtScopeIn: row.jwtScopeIn === "claim" ? "claim" : "param",
    grantTypeValue: row.grantTypeValue,
    apiKey: "",
    apiKeyHeader: row.apiKeyHeader,
    basicUsername: "",
    basicPassword: "",
  };
}

export function credentialTypeOf(stored: string): CredentialType {
  return (CREDENTIAL_TYPES as readonly string[]).includes(stored) ? (stored as CredentialType) : "oauth2";
}

export function clientAuthOf(stored: string): ClientAuthMethod {
  return (CLIENT_AUTH_METHODS as readonly string[]).includes(stored) ? (stored as ClientAuthMethod) : "basic";
}

export function signingAlgOf(stored: string): SigningAlgorithm {
  return (SIGNING_ALGORITHMS as readonly string[]).includes(stored) ? (stored as SigningAlgorithm) : "RS256";
}

function parsedJson(stored: string): unknown {
  try {
    return JSON.parse(stored);
  } catch {
    return null;
  }
}

export function variablesOf(stored: string): Record<string, string> {
  const parsed = parsedJson(stored);
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) return {};
  return Object.fromEntries(Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
}

export type MetadataField = ConnectorInput["metadataFields"][number];

/** The stored metadata field list; entries of another shape (a hand-edited row) are skipped. */
export function metadataFieldsOf(stored: string): MetadataField[] {
  const parsed = parsedJson(stored);
  if (!Array.isArray(parsed)) return [];
  return parsed.flatMap((item: unknown) => {
    if (item === null || typeof item !== "object") return [];
    const { source, name, sensitive } = item as Record<string, unknown>;
    if ((source !== "token" && source !== "redirect") || typeof name !== "string") return [];
    return [{ source, name, sensitive: sensitive === true }];
  });
}

/** Write-only fields: compared by "a value was typed", never by value. */
export const WRITE_ONLY_FIELDS = ["clientSecret", "privateKey", "apiKey", "basicUsername", "basicPassword"] as const;
export type WriteOnlyField = (typeof WRITE_ONLY_FIELDS)[number];

/** Names of the form fields that differ, for the audit trail (values are never recorded). */
export function changedFields(before: ConnectorFormValues, after: ConnectorInput, replaced: readonly WriteOnlyField[]): string[] {
  const writeOnly = new Set<string>(WRITE_ONLY_FIELDS);
  const changed = (Object.keys(after) as (keyof ConnectorInput)[]).filter(
    (key) => !writeOnly.has(key) && JSON.stringify(before[key]) !== JSON.stringify(after[key]),
  );
  return [...changed, ...replaced];
}
