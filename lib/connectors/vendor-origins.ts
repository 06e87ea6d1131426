/**
 * Which vendor URLs an edit moves to another origin (scheme, host and port). The Client Secret
 * and the stored tokens were given to the saved origins only: a URL that now points elsewhere
 * could hand them to a server the admin who entered the secret never chose. So such an edit
 * must carry the secret again, and the stored tokens are revoked at the old origin and dropped
 * (service.ts). A path change on the same origin is the same vendor and keeps both.
 *
 * Pure (no server imports): the form uses it too, to mark the Client Secret as required.
 */
export const VENDOR_URL_FIELDS = ["authUrl", "tokenUrl", "refreshUrl", "revocationUrl"] as const;
export type VendorUrlField = (typeof VENDOR_URL_FIELDS)[number];
/** The form's values for those fields; "" for a URL that is not set. */
export type VendorUrls = Record<VendorUrlField, string>;

function originOf(url: string): string | null {
  try {
    return new URL(url.trim()).origin;
  } catch {
    return null;
  }
}

/**
 * The fields, in form order, whose new URL is on an origin the saved configuration did not use
 * for that field. A field that was empty is compared with the saved Access Token URL: that is
 * where its requests went (the refresh falls back to it) or the origin that already held the
 * secret. A field left empty sends nothing, and a new URL that does not parse is refused by
 * the schema before anything is sent, so neither counts.
 */
export function vendorUrlsWithNewOrigin(saved: VendorUrls, next: VendorUrls): VendorUrlField[] {
  return VENDOR_URL_FIELDS.filter((field) => {
    const nextOrigin = next[field].trim() === "" ? null : originOf(next[field]);
    if (nextOrigin === null) return false;
    const savedUrl = saved[field].trim() === "" ? saved.tokenUrl : saved[field];
    return originOf(savedUrl) !== nextOrigin;
  });
}

export const ORIGIN_CHANGED_SECRET_MESSAGE = "The vendor URL's origin changed: enter the Client Secret again.";
