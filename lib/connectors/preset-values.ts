/**
 * What a catalog preset puts into the connector form, and how the form follows the admin:
 * choosing a preset fills these fields; typing a template variable refills the fields that still
 * hold the preset's value; an edited field is the admin's and is never overwritten. Pure: used by
 * the form in the browser and by tests.
 */
import type { Preset, PresetExtras } from "../catalog";
import { fillTemplate } from "../catalog/template";
import { defaultConnectorValues, type ConnectorFormValues } from "./schema";

/** The form fields a preset fills, in the form's order. */
export const PRESET_FIELDS = [
  "credentialType",
  "authPlacement",
  "headerPrefix",
  "queryParamName",
  "apiKeyHeader",
  "grantType",
  "grantTypeValue",
  "jwtScopeIn",
  "issuerUrl",
  "authUrl",
  "tokenUrl",
  "refreshUrl",
  "revocationUrl",
  "apiBaseUrl",
  "clientAuth",
  "usePkce",
  "scopeSeparator",
  "scopes",
  "refreshIncludesScope",
  "tokenBodyFormat",
  "extras",
  "accessTokenPath",
  "metadataFields",
  "refreshTokenIdleDays",
  "refreshTokenMaxDays",
] as const satisfies readonly (keyof ConnectorFormValues)[];

export type PresetField = (typeof PRESET_FIELDS)[number];
export type PresetFilledValues = Pick<Required<ConnectorFormValues>, PresetField>;

function filledExtras(extras: PresetExtras | undefined, variables: Readonly<Record<string, string>>) {
  const rows = (list: { name: string; value: string }[] | undefined) =>
    (list ?? []).map((row) => ({ name: row.name, value: fillTemplate(row.value, variables) }));
  return { headers: rows(extras?.headers), params: rows(extras?.params) };
}

/** The preset's values with `variables` filled in; unfilled `{variables}` stay visible in the URLs. */
export function presetFilledValues(preset: Preset, variables: Readonly<Record<string, string>>): PresetFilledValues {
  const url = (template: string | undefined) => (template ? fillTemplate(template, variables) : "");
  const defaults = defaultConnectorValues() as Required<ConnectorFormValues>;
  return {
    credentialType: preset.credentialType ?? "oauth2",
    authPlacement: preset.authPlacement ?? "header",
    headerPrefix: preset.headerPrefix ?? defaults.headerPrefix,
    queryParamName: preset.queryParamName ?? defaults.queryParamName,
    apiKeyHeader: preset.apiKeyHeader ?? defaults.apiKeyHeader,
    grantType: preset.grantType,
    grantTypeValue: preset.grantTypeValue ?? defaults.grantTypeValue,
    jwtScopeIn: preset.jwtScopeIn ?? defaults.jwtScopeIn,
    issuerUrl: url(preset.issuerUrl),
    authUrl: url(preset.authUrl),
    tokenUrl: url(preset.tokenUrl),
    refreshUrl: url(preset.refreshUrl),
    revocationUrl: url(preset.revocationUrl),
    // Metadata placeholders ({instance_url}) are filled per request, not here.
    apiBaseUrl: url(preset.apiBaseUrl),
    clientAuth: preset.clientAuth,
    usePkce: preset.usePkce,
    scopeSeparator: preset.scopeSeparator,
    scopes: preset.scopes.filter((scope) => scope.recommended).map((scope) => scope.value),
    refreshIncludesScope: preset.refreshIncludesScope ?? false,
    tokenBodyFormat: preset.tokenBodyFormat ?? "form",
    extras: {
      auth: filledExtras(preset.extras?.auth, variables),
      token: filledExtras(preset.extras?.token, variables),
      refresh: filledExtras(preset.extras?.refresh, variables),
    },
    accessTokenPath: preset.accessTokenPath ?? "",
    metadataFields: (preset.metadata ?? []).map(({ source, name, sensitive }) => ({ source, name, sensitive: sensitive ?? false })),
    refreshTokenIdleDays: preset.refreshTokenIdleDays ?? null,
    refreshTokenMaxDays: preset.refreshTokenMaxDays ?? null,
  };
}

/** The generic form's values for the same fields ("Other (generic OAuth 2.0)"). */
export function genericFilledValues(): PresetFilledValues {
  const defaults = defaultConnectorValues() as Required<ConnectorFormValues>;
  return Object.fromEntries(PRESET_FIELDS.map((field) => [field, defaults[field]])) as PresetFilledValues;
}

/** Deep equality for form values, treating a days field's "" and null alike. */
export function sameValue(a: unknown, b: unknown): boolean {
  const normal = (value: unknown) => (value === "" || value === undefined ? null : value);
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return normal(a) === normal(b) || String(normal(a)) === String(normal(b));
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The fields to write when the form moves from `before` (what the previous preset or variables
 * filled) to `after`: only those whose current value is still `before`'s, so edits survive.
 */
export function followPreset(current: Partial<ConnectorFormValues>, before: PresetFilledValues, after: PresetFilledValues): Partial<PresetFilledValues> {
  const updates: Partial<Record<PresetField, unknown>> = {};
  for (const field of PRESET_FIELDS) {
    if (sameValue(current[field], before[field]) && !sameValue(before[field], after[field])) updates[field] = after[field];
  }
  return updates as Partial<PresetFilledValues>;
}

function isEmpty(value: unknown): boolean {
  if (value === "" || value === null || value === undefined) return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === "object") return Object.values(value).every((inner) => isEmpty(inner));
  return false;
}

/** The fields whose current value is what the preset filled (and not empty): marked "From preset" in the form. */
export function fieldsFromPreset(current: Partial<ConnectorFormValues>, filled: PresetFilledValues): Set<PresetField> {
  return new Set(PRESET_FIELDS.filter((field) => !isEmpty(filled[field]) && sameValue(current[field], filled[field])));
}

export interface PresetDifference {
  field: PresetField;
  saved: unknown;
  preset: unknown;
}

/** Where a saved connector differs from the current preset filled with its variables ("Compare with the current preset"). */
export function presetDifferences(saved: Partial<ConnectorFormValues>, preset: Preset, variables: Readonly<Record<string, string>>): PresetDifference[] {
  const filled = presetFilledValues(preset, variables);
  return PRESET_FIELDS.filter((field) => !sameValue(saved[field], filled[field])).map((field) => ({ field, saved: saved[field], preset: filled[field] }));
}
