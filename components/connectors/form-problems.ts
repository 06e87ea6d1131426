import type { ConnectorFormValues } from "@/lib/connectors/schema";

/** Dotted paths of every error in a react-hook-form errors object (`extras.token.headers.0.name`). */
export function errorPaths(node: unknown, prefix = ""): string[] {
  if (!node || typeof node !== "object") return [];
  const record = node as Record<string, unknown>;
  if (typeof record.message === "string") return [prefix];
  return Object.entries(record).flatMap(([key, child]) => (key === "ref" ? [] : errorPaths(child, prefix ? `${prefix}.${key}` : key)));
}

const ADVANCED = ["extras", "revocationUrl", "tokenBodyFormat", "refreshIncludesScope", "refreshTokenIdleDays", "refreshTokenMaxDays", "allowEncodedSlash", "accessTokenPath", "metadataFields"];
const under = (path: string, root: string) => path === root || path.startsWith(`${root}.`);

export function touchesAdvanced(paths: string[]): boolean {
  return paths.some((path) => ADVANCED.some((root) => under(path, root)));
}

/**
 * Fields the current choices hide keep their values (switching back restores them), so an error
 * in one would be invisible. Name them in the form-level message instead.
 */
export function hiddenProblems(paths: string[], values: ConnectorFormValues): string | null {
  const hidden: string[] = [];
  const has = (root: string) => paths.some((path) => under(path, root));
  if (values.authPlacement !== "header" && has("headerPrefix")) hidden.push("Header Prefix (used with Request Header)");
  if (values.authPlacement !== "query" && has("queryParamName")) hidden.push("Query Parameter Name (used with Request URL)");
  if (values.grantType !== "authorization_code" && has("authUrl")) hidden.push("Auth URL (used with Authorization Code)");
  if (values.grantType !== "authorization_code" && has("extras.auth")) hidden.push("Auth request parameters (used with Authorization Code)");
  if (!hidden.length) return null;
  return `A value kept for another choice is not valid: ${hidden.join("; ")}. Switch back to correct or clear it.`;
}
