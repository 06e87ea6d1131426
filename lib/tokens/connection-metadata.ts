/**
 * Connection metadata: the values a sync job needs besides the token (Salesforce's
 * `instance_url`, QuickBooks' `realmId` on the redirect, Slack's `team.id`), picked out of what
 * was kept with the token (Token.extra) by the connector's configured field list. Pure: no
 * database, no framework; the machine API, the proxy and the connector page all use it.
 *
 * Token.extra holds the token response's non-secret fields at its top level (lib/oauth
 * token-response.ts) and the redirect's non-protocol parameters under `redirectParams`
 * (lib/authorization/service.ts). Only plain values are metadata: strings, finite numbers and
 * booleans. An object, an array, a null or a missing field is left out, never guessed.
 */

export type MetadataSource = "token" | "redirect";
export type MetadataValue = string | number | boolean;

export interface MetadataFieldSpec {
  source: MetadataSource;
  /** Dotted for nested token-response fields ("team.id"); a redirect parameter's name as sent. */
  name: string;
  sensitive: boolean;
}

export interface MetadataEntry extends MetadataFieldSpec {
  /** Null when the vendor did not send the field (or sent something that is not a plain value). */
  value: MetadataValue | null;
}

type JsonObject = Record<string, unknown>;

function isRecord(value: unknown): value is JsonObject {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** Stored Token.extra text as an object; anything unreadable reads as empty. */
export function parseTokenExtra(stored: string | null | undefined): JsonObject {
  try {
    const value: unknown = JSON.parse(stored ?? "{}");
    return isRecord(value) ? value : {};
  } catch {
    return {};
  }
}

/** Own properties only: a field named "constructor" or "__proto__" must not read the prototype. */
function ownField(container: unknown, name: string): unknown {
  return isRecord(container) && Object.hasOwn(container, name) ? container[name] : undefined;
}

function plainValue(value: unknown): MetadataValue | null {
  if (typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number" && Number.isFinite(value)) return value;
  return null;
}

function valueOf(extra: JsonObject, field: MetadataFieldSpec): MetadataValue | null {
  if (field.source === "redirect") return plainValue(ownField(ownField(extra, "redirectParams"), field.name));
  let current: unknown = extra;
  for (const step of field.name.split(".")) current = ownField(current, step);
  return plainValue(current);
}

/** Every configured field with its value (null when absent), in the configured order: the connector page's list. */
export function metadataEntries(extra: JsonObject, fields: readonly MetadataFieldSpec[]): MetadataEntry[] {
  return fields.map((field) => ({ source: field.source, name: field.name, sensitive: field.sensitive, value: valueOf(extra, field) }));
}

/**
 * `{ name: value }` for the configured fields that have a value: the token endpoint's `metadata`
 * and the API Base URL template's inputs. A name kept from both the token response and the
 * redirect takes the first listed field that has a value.
 */
export function connectionMetadata(extra: JsonObject, fields: readonly MetadataFieldSpec[]): Record<string, MetadataValue> {
  const picked: [string, MetadataValue][] = [];
  const seen = new Set<string>();
  for (const entry of metadataEntries(extra, fields)) {
    if (entry.value === null || seen.has(entry.name)) continue;
    seen.add(entry.name);
    picked.push([entry.name, entry.value]);
  }
  // fromEntries defines own properties, so even a field named "__proto__" stays plain data.
  return Object.fromEntries(picked);
}
