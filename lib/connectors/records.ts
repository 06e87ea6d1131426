/**
 * Mapping between the form's shape (ConnectorInput) and the stored rows (Connector +
 * ConnectorExtra). Knows nothing about secrets beyond "is one set".
 */
import type { Prisma } from "../db";
import { newId } from "../ids";
import { EXTRA_REQUESTS, type ConnectorFormValues, type ConnectorInput, type ExtraRequest } from "./schema";

type ExtraRow = { request: string; kind: string; position: number; name: string; value: string };
type ConnectorRow = Prisma.ConnectorGetPayload<{ include: { extras: true } }>;
export type Extras = ConnectorInput["extras"];

/** Columns written from the form, everything except the secret. */
export function connectorColumns(input: ConnectorInput) {
  return {
    name: input.name,
    authPlacement: input.authPlacement,
    headerPrefix: input.headerPrefix,
    queryParamName: input.queryParamName || "access_token",
    grantType: input.grantType,
    authUrl: input.authUrl || null,
    tokenUrl: input.tokenUrl,
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
  };
}

export function extraRows(connectorId: string, extras: Extras) {
  return EXTRA_REQUESTS.flatMap((request) =>
    (["headers", "params"] as const).flatMap((list) =>
      extras[request][list].map((row, position) => ({
        id: newId(),
        connectorId,
        request,
        kind: list === "headers" ? "header" : "param",
        position,
        name: row.name,
        value: row.value,
      })),
    ),
  );
}

export function extrasOf(rows: ExtraRow[]): Extras {
  const sorted = [...rows].sort((a, b) => a.position - b.position);
  const pick = (request: ExtraRequest, kind: string) => sorted.filter((r) => r.request === request && r.kind === kind).map(({ name, value }) => ({ name, value }));
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
    grantType: row.grantType === "client_credentials" ? "client_credentials" : "authorization_code",
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
    clientAuth: row.clientAuth === "body" ? "body" : "basic",
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
  };
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

/** Names of the form fields that differ, for the audit trail (values are never recorded). */
export function changedFields(before: ConnectorFormValues, after: ConnectorInput, secretReplaced: boolean): string[] {
  const changed = (Object.keys(after) as (keyof ConnectorInput)[]).filter(
    (key) => key !== "clientSecret" && JSON.stringify(before[key]) !== JSON.stringify(after[key]),
  );
  return secretReplaced ? [...changed, "clientSecret"] : changed;
}
