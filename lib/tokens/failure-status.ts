import type { OAuthError } from "../oauth";

/** Stored token status after a failed attempt, and what the admin should do about it. */
export function statusAfterFailure(error: OAuthError): "needs_reauth" | "refresh_failing" | "error" {
  if (error.code === "invalid_grant" || error.code === "invalid_client" || error.code === "unauthorized_client") return "needs_reauth";
  if (error.retryable) return "refresh_failing";
  return "error";
}

const ADVICE: Partial<Record<OAuthError["code"], string>> = {
  invalid_grant: "Re-authorize: the vendor rejected the authorization code or refresh token (expired, revoked or already used).",
  invalid_client: "Check the Client ID, Client Secret and Client Authentication: the vendor did not accept the client credentials.",
  unauthorized_client: "Enable this grant type for the app in the vendor's console.",
  invalid_scope: "Check the Scope values: the vendor refused at least one of them.",
  access_denied: "The authorization was declined at the vendor. Authorize again and approve the request.",
  server_error: "The vendor had a server error. Try again later.",
  temporarily_unavailable: "The vendor is busy or rate-limiting. Try again later.",
  network: "Latchkey could not reach the vendor. Check the URL and the network.",
  timeout: "The vendor did not answer in time. Try again later.",
  malformed_response: "The vendor answered with something that is not a token response. Check the Access Token URL.",
  blocked_address: "The vendor URL points at an address Latchkey refuses to call (loopback, private or link-local).",
};

export function adviceFor(code: string | null | undefined): string | null {
  return code ? (ADVICE[code as OAuthError["code"]] ?? "Check the connector's settings and try again.") : null;
}
