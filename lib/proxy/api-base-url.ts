/**
 * An API Base URL may be a template over the connector's connection metadata, for vendors whose
 * API lives at a per-customer address they only name in the token response (Salesforce's
 * `{instance_url}/services/data/v61.0`). The schema checked the template with a stand-in at save
 * (lib/connectors/schema.ts); here it is filled for each proxied request from the metadata the
 * vendor actually sent, and the result is checked like a URL an admin typed (SECURITY 41):
 *
 * - A placeholder at the very start stands for a URL: it must itself be an acceptable vendor URL
 *   with no query or fragment, and it is inserted without its trailing slash.
 * - A placeholder anywhere else stands for a plain name inside a host or path (a tenant, a
 *   realm id): letters, digits, `.`, `-`, `_`, `~` only, never a `.` or `..` segment, so a value
 *   cannot add a separator, a query, a port or credentials to the URL.
 * - The filled URL must pass vendorUrlProblem (lib/http/url-policy.ts: https only; http and
 *   loopback or private literals only under LATCHKEY_DEV_ALLOW_LOOPBACK). The outbound guard then
 *   checks the resolved address when it connects (SECURITY 13), as for any vendor URL.
 *
 * Errors name the field, never its value: a worker's logs are not the place for a customer's
 * instance address.
 */
import { ApiError } from "../machine-api/api-error";
import { fillTemplate, placeholdersIn } from "../catalog/template";
import { vendorUrlProblem } from "../http/url-policy";
import type { MetadataValue } from "../tokens/connection-metadata";

/** One host label or path segment's worth of unreserved characters (RFC 3986 §2.3), no dot segments. */
const PLAIN_NAME = /^[A-Za-z0-9_~-]+(?:\.[A-Za-z0-9_~-]+)*$/;

export interface BaseUrlRules {
  allowLoopback: boolean;
}

/** True when the API Base URL names connection metadata fields to fill in. */
export function isApiBaseUrlTemplate(apiBaseUrl: string): boolean {
  return placeholdersIn(apiBaseUrl).length > 0;
}

function incomplete(name: string): ApiError {
  return new ApiError(
    "api_base_url_incomplete",
    `The connector's API Base URL needs the connection metadata field "${name}", which the vendor has not sent (with the token or on the redirect). An admin must authorize the connector again, or correct its API Base URL or Connection metadata.`,
    { field: name },
  );
}

function refused(name: string | undefined, problem: string): ApiError {
  const source = name ? `the connection metadata field "${name}"` : "connection metadata";
  return new ApiError(
    "api_base_url_refused",
    `The connector's API Base URL, filled from ${source}, is refused: ${problem}. An admin must check the connector's API Base URL and Connection metadata.`,
    name ? { field: name } : {},
  );
}

/** A value standing for the start of the URL: an acceptable vendor URL, without query, fragment or trailing slash. */
function leadingUrl(name: string, value: string, rules: BaseUrlRules): string {
  const problem = vendorUrlProblem(value, rules);
  if (problem) throw refused(name, problem);
  const url = new URL(value);
  if (url.search || value.includes("?")) throw refused(name, "its value holds a query string");
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}

/**
 * The API Base URL with every `{field}` replaced by the connector's metadata, checked. Throws
 * ApiError 409 `api_base_url_incomplete` when a field has no value, `api_base_url_refused` when
 * a value or the result is not acceptable.
 */
export function filledApiBaseUrl(template: string, metadata: Readonly<Record<string, MetadataValue>>, rules: BaseUrlRules): string {
  const names = placeholdersIn(template);
  const values: Record<string, string> = {};
  for (const name of names) {
    const raw = Object.hasOwn(metadata, name) ? metadata[name] : undefined;
    const value = raw === undefined ? "" : String(raw).trim();
    if (value === "") throw incomplete(name);
    if (template.startsWith(`{${name}}`)) {
      values[name] = leadingUrl(name, value, rules);
    } else {
      if (!PLAIN_NAME.test(value)) throw refused(name, "its value is not a plain name (letters, digits, dots, hyphens, underscores)");
      values[name] = value;
    }
  }
  const filled = fillTemplate(template, values);
  const problem = vendorUrlProblem(filled, rules);
  if (problem) throw refused(undefined, problem);
  return filled;
}
