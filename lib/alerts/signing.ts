/**
 * Webhook signatures, in the style receivers already know (Stripe, GitHub): the receiver
 * recomputes `v1=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>` with the secret it was shown
 * once, compares in constant time, and rejects old timestamps to stop replays.
 */
import { createHmac, randomBytes } from "node:crypto";

export const SIGNATURE_HEADER = "x-latchkey-signature";
export const TIMESTAMP_HEADER = "x-latchkey-timestamp";
const SECRET_PREFIX = "lkwh_";

/** 256 random bits; the whole string (prefix included) is the HMAC key. */
export function newSigningSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(32).toString("base64url")}`;
}

export function signatureOf(secret: string, timestamp: string, body: string): string {
  return `v1=${createHmac("sha256", secret).update(`${timestamp}.${body}`, "utf8").digest("hex")}`;
}

export function signedHeaders(secret: string, body: string, now: Date): Record<string, string> {
  const timestamp = String(Math.floor(now.getTime() / 1000));
  return { "content-type": "application/json", [TIMESTAMP_HEADER]: timestamp, [SIGNATURE_HEADER]: signatureOf(secret, timestamp, body) };
}
