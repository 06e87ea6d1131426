import type { ConnectorFormValues } from "@/lib/connectors/schema";
import type { DiscoveredSettings } from "@/lib/oauth/discovery";

/** The form fields Discover may set, in the order the result panel lists them. */
export const DISCOVERY_FIELDS = ["authUrl", "tokenUrl", "revocationUrl", "usePkce", "clientAuth", "requireIss"] as const;
export type DiscoveryField = (typeof DISCOVERY_FIELDS)[number];

export const DISCOVERY_FIELD_LABELS: Record<DiscoveryField, string> = {
  authUrl: "Auth URL",
  tokenUrl: "Access Token URL",
  revocationUrl: "Revocation URL",
  usePkce: "Use PKCE",
  clientAuth: "Client Authentication",
  requireIss: "Require iss on the redirect",
};

const CLIENT_AUTH_WORDS: Record<string, string> = { basic: "Basic", body: "Body", private_key_jwt: "Signed JWT" };

export interface DiscoveryChange {
  field: DiscoveryField;
  /** The value to set; null when the form keeps its own. */
  value: string | boolean | null;
  changed: boolean;
  /** "Auth URL: set to https://…", "Client Authentication: unchanged (Basic)". */
  line: string;
  /** What the metadata said, in plain words. */
  reason: string;
}

function shown(field: DiscoveryField, value: unknown): string {
  if (typeof value === "boolean") return value ? "on" : "off";
  if (field === "clientAuth") return CLIENT_AUTH_WORDS[String(value)] ?? String(value);
  return typeof value === "string" && value !== "" ? value : "empty";
}

/**
 * What Discover does to the form: for each field, the metadata's value where it differs from the
 * form's, and a line for the result panel saying whether it changed. Values the metadata does not
 * give (null) leave the form alone.
 */
export function discoveryChanges(settings: DiscoveredSettings, current: Partial<ConnectorFormValues>): DiscoveryChange[] {
  return DISCOVERY_FIELDS.map((field) => {
    const { value, reason } = settings[field];
    const before = current[field];
    const changed = value !== null && value !== before;
    const label = DISCOVERY_FIELD_LABELS[field];
    const line = changed ? `${label}: set to ${shown(field, value)}` : `${label}: unchanged (${shown(field, before)})`;
    return { field, value: changed ? value : null, changed, line, reason };
  });
}
