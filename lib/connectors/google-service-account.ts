/**
 * Reads a Google service-account key file (the JSON the Google Cloud console downloads) into the
 * connector form's JWT Bearer fields. Runs in the browser: the private key goes to the server
 * only inside the form submission, like the client secret, and is sealed there.
 *
 * Google's server-to-server flow is RFC 7523 §2.1: the service account (`client_email`) signs an
 * RS256 assertion with `private_key` (kid `private_key_id`), posted to `token_uri`, with the
 * scopes as a `scope` claim in the assertion rather than a request parameter.
 */
import type { ConnectorFormValues } from "./schema";

export type GoogleServiceAccountFill = Required<Pick<ConnectorFormValues, "privateKey" | "keyId" | "jwtIssuer" | "tokenUrl" | "signingAlg" | "jwtScopeIn">>;

export type GoogleServiceAccountResult = { ok: true; values: GoogleServiceAccountFill; clientEmail: string } | { ok: false; message: string };

const NOT_A_KEY =
  'This is not a Google service account key. Paste the whole JSON key file from Google Cloud (IAM & Admin › Service accounts › Keys), which has "type": "service_account".';

const refuse = (message: string): GoogleServiceAccountResult => ({ ok: false, message });

function text(record: Record<string, unknown>, name: string): string | null {
  const value = record[name];
  return typeof value === "string" && value.trim() !== "" ? value.trim() : null;
}

export function parseGoogleServiceAccountKey(input: string): GoogleServiceAccountResult {
  const trimmed = input.trim();
  if (trimmed === "") return refuse("Paste the service account's JSON key file first.");
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    return refuse("This is not valid JSON. Paste the whole key file, from the opening { to the closing }.");
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) return refuse(NOT_A_KEY);
  const key = parsed as Record<string, unknown>;
  const type = text(key, "type");
  if (type !== "service_account") {
    // An OAuth client file ("web"/"installed") or a user's credentials ("authorized_user") are common mix-ups.
    return refuse(type ? `${NOT_A_KEY} This file's type is "${type.slice(0, 40)}".` : NOT_A_KEY);
  }
  const missing = ["private_key", "private_key_id", "client_email", "token_uri"].filter((name) => text(key, name) === null);
  if (missing.length) return refuse(`The key file has no ${missing.join(", ")}. Download a new JSON key for the service account and paste it whole.`);
  const privateKey = text(key, "private_key")!;
  if (!/^-----BEGIN PRIVATE KEY-----[\s\S]+-----END PRIVATE KEY-----$/.test(privateKey)) {
    return refuse("The key file's private_key is not a PEM private key. Download a new JSON key (not P12) for the service account.");
  }
  const tokenUri = text(key, "token_uri")!;
  if (!/^https:\/\/[^\s/]+/.test(tokenUri)) return refuse("The key file's token_uri is not an https:// URL.");
  const clientEmail = text(key, "client_email")!;
  return {
    ok: true,
    clientEmail,
    values: {
      // The file carries the PEM's line breaks as \n escapes; JSON.parse has turned them back into real ones.
      privateKey,
      keyId: text(key, "private_key_id")!,
      jwtIssuer: clientEmail,
      tokenUrl: tokenUri,
      signingAlg: "RS256",
      jwtScopeIn: "claim",
    },
  };
}
