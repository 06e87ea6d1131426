/**
 * What each recorded event type means to an admin reading a connector's history. Types come from
 * the services (grep `type: "` in lib/); an unknown one still reads sensibly.
 */
export const EVENT_LABELS: Record<string, string> = {
  "connector.created": "Created",
  "connector.updated": "Edited",
  "connector.duplicated": "Created as a copy",
  "connector.disconnected": "Disconnected",
  "authorization.started": "Authorization started",
  "authorization.failed": "Authorization failed",
  "authorization.rejected": "Authorization refused",
  "connector.origin_changed": "Vendor URLs moved",
  "connector.key_generated": "Key pair generated",
  "token.authorized": "Authorized",
  "token.imported": "Refresh token imported",
  "token.import_failed": "Refresh token import refused",
  "token.obtained": "Token obtained",
  "token.obtained_failed": "Getting a token failed",
  "token.refreshed": "Refreshed",
  "token.refreshed_failed": "Refresh failed",
  "token.refresh_shared": "Refresh shared with another caller",
  "token.refresh_discarded": "Refresh result discarded",
  "token.revoked": "Revoked at the vendor",
  "token.revoke_failed": "Revocation failed",
};

export const REAUTHORIZED_LABEL = "Re-authorized";

/** Refresh attempts, as the chart counts them: one event per vendor call. */
export const REFRESH_SUCCESS_TYPES = ["token.refreshed"];
export const REFRESH_FAILURE_TYPES = ["token.refreshed_failed"];

/** "token.some_thing" → "Some thing". */
export function eventLabel(type: string): string {
  const known = EVENT_LABELS[type];
  if (known) return known;
  const words = (type.split(".").pop() ?? type).replace(/[_-]+/g, " ").trim();
  return words ? words[0]!.toUpperCase() + words.slice(1) : type;
}

const REVOCATION_SUMMARY: Record<string, string> = {
  revoked: "Tokens revoked at the vendor, then deleted.",
  unsupported: "Tokens deleted (no Revocation URL configured).",
  failed: "Tokens deleted; the vendor refused the revocation.",
  none: "There was no token.",
};

/** Why a callback was refused (lib/authorization/service.ts), in the words of the /oauth2/error page. */
const REJECTION_SUMMARY: Record<string, string> = {
  missing_state: "The redirect carried no state.",
  unknown_state: "The redirect's state does not belong to an authorization Latchkey started.",
  state_used: "The authorization response was already used (a replay).",
  state_expired: "The authorization had expired.",
  other_session: "The authorization was started by another admin or in another browser session.",
  connector_changed: "The connector was edited after the authorization started.",
  issuer_mismatch: "The redirect's iss named another authorization server than the connector's issuer (RFC 9207).",
  issuer_missing: "The redirect carried no iss, which the connector requires (RFC 9207).",
};

const URL_FIELD_LABELS: Record<string, string> = {
  authUrl: "Auth URL",
  tokenUrl: "Access Token URL",
  refreshUrl: "Refresh Token URL",
  revocationUrl: "Revocation URL",
};

const text = (value: unknown, max = 200): string | null => (typeof value === "string" && value.trim() ? value.trim().slice(0, max) : null);

/** A one-line, non-secret summary from an event's (already redacted) detail. */
export function eventSummary(type: string, detail: Record<string, unknown>): string | null {
  switch (type) {
    case "connector.updated": {
      const changed = Array.isArray(detail.changed) ? detail.changed.filter((f): f is string => typeof f === "string") : [];
      return changed.length ? `Changed: ${changed.slice(0, 12).join(", ")}${changed.length > 12 ? ", …" : ""}` : "No field changed.";
    }
    case "connector.duplicated":
      return text(detail.from) ? `Copied from ${text(detail.from)}.` : null;
    case "connector.disconnected":
      return REVOCATION_SUMMARY[String(detail.revocation)] ?? null;
    case "authorization.rejected":
      return REJECTION_SUMMARY[String(detail.reason)] ?? null;
    case "connector.origin_changed": {
      const urls = Array.isArray(detail.urls) ? detail.urls.map((f) => URL_FIELD_LABELS[String(f)]).filter(Boolean) : [];
      const tokens = REVOCATION_SUMMARY[String(detail.revocation)] ?? "";
      return `Moved to another origin: ${urls.join(", ") || "a vendor URL"}. ${tokens}`.trim();
    }
    case "connector.key_generated":
      return text(detail.alg) ? `New ${text(detail.alg, 10)} key pair${text(detail.keyId) ? `, Key ID ${text(detail.keyId, 100)}` : ""}.` : null;
    case "token.revoked":
      return text(detail.tokenType) ? `Revoked the ${text(detail.tokenType)?.replace("_", " ")}.` : null;
    case "token.authorized":
      return detail.refreshTokenReturned === false ? "The vendor sent no refresh token." : null;
    default: {
      const message = text(detail.message, 300);
      const vendor = text(detail.vendorError, 100);
      const description = text(detail.description, 300);
      const parts = [message, vendor && `Vendor said: ${vendor}${description ? ` (${description})` : ""}`].filter(Boolean);
      return parts.length ? parts.join(" ") : null;
    }
  }
}
