/**
 * When an access token expires. RFC 6749 §5.1 makes `expires_in` RECOMMENDED, in seconds; in
 * practice it is missing (Salesforce, GitHub Apps without expiry), a numeric string (Azure AD
 * v1: "3599"), zero, or absurd. Order:
 *
 * 1. `expires_in` as a number or numeric string, when 0 < value ≤ 10 years;
 * 2. else the `exp` claim (RFC 7519 §4.1.4) when the access token is a readable JWS JWT
 *    (RFC 9068 access tokens are), when it is no more than 10 years ahead;
 * 3. else null: "unknown expiry", not "expired". The caller refreshes on a 401 (RFC 6750 §3.1).
 *
 * The JWT is only read, never trusted for anything but this hint: the signature is not checked.
 */

/** Longer than any real access token lifetime; larger values are taken as vendor bugs (e.g. an epoch). */
export const MAX_LIFETIME_SECONDS = 10 * 365 * 24 * 60 * 60;

export function expiresAtOf(expiresIn: unknown, accessToken: string, now: Date): Date | null {
  const seconds = lifetimeSeconds(expiresIn);
  if (seconds !== null) return new Date(now.getTime() + seconds * 1000);
  const exp = jwtExpiry(accessToken);
  if (exp !== null && exp > 0 && exp * 1000 <= now.getTime() + MAX_LIFETIME_SECONDS * 1000) return new Date(exp * 1000);
  return null;
}

/** A usable `expires_in`, or null. */
export function lifetimeSeconds(value: unknown): number | null {
  let seconds: number;
  if (typeof value === "number") seconds = value;
  else if (typeof value === "string" && /^\s*\d+(?:\.\d+)?\s*$/.test(value)) seconds = Number(value);
  else return null;
  return Number.isFinite(seconds) && seconds > 0 && seconds <= MAX_LIFETIME_SECONDS ? Math.floor(seconds) : null;
}

/** The numeric `exp` of a compact JWS JWT (RFC 7515 §7.1), or null when the token is not one. */
export function jwtExpiry(token: string): number | null {
  const parts = token.split(".");
  if (parts.length !== 3 || !parts.every((part, index) => /^[A-Za-z0-9_-]*$/.test(part) && (index === 2 || part.length > 0))) return null;
  const header = decodeJsonPart(parts[0]!);
  const payload = decodeJsonPart(parts[1]!);
  if (!header || typeof header.alg !== "string" || !payload) return null;
  return typeof payload.exp === "number" && Number.isFinite(payload.exp) ? payload.exp : null;
}

function decodeJsonPart(part: string): Record<string, unknown> | null {
  try {
    const binary = atob(
      part
        .replace(/-/g, "+")
        .replace(/_/g, "/")
        .padEnd(Math.ceil(part.length / 4) * 4, "="),
    );
    const value: unknown = JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0))));
    return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
