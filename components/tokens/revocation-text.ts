import type { DisconnectOutcome } from "@/lib/tokens/disconnect";

/** What Disconnect did at the vendor, for the notice shown after it (dashboard row and connector page). */
export const REVOCATION_TEXT: Record<DisconnectOutcome["revocation"], string> = {
  revoked: "the token was revoked at the vendor and deleted.",
  unsupported: "the tokens were deleted. No Revocation URL is configured, so revoke the app's access in the vendor's console if it matters.",
  failed: "the vendor refused the revocation, the tokens were deleted anyway. Revoke the app's access in the vendor's console.",
  none: "there was no token to remove.",
};
