import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parseGoogleServiceAccountKey } from "@/lib/connectors/google-service-account";
import { connectorSchema, defaultConnectorValues } from "@/lib/connectors/schema";

const pem = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();

/** A key file in the shape the Google Cloud console downloads (the PEM's line breaks escaped as \n by JSON). */
function keyFile(overrides: Record<string, unknown> = {}): string {
  return JSON.stringify(
    {
      type: "service_account",
      project_id: "latchkey-test",
      private_key_id: "0123456789abcdef0123456789abcdef01234567",
      private_key: pem,
      client_email: "directory-sync@latchkey-test.iam.gserviceaccount.com",
      client_id: "104937216582637812345",
      auth_uri: "https://accounts.google.com/o/oauth2/auth",
      token_uri: "https://oauth2.googleapis.com/token",
      auth_provider_x509_cert_url: "https://www.googleapis.com/oauth2/v1/certs",
      client_x509_cert_url: "https://www.googleapis.com/robot/v1/metadata/x509/directory-sync%40latchkey-test.iam.gserviceaccount.com",
      universe_domain: "googleapis.com",
      ...overrides,
    },
    null,
    2,
  );
}

describe("pasting a Google service account key", () => {
  it("fills Private Key, Key ID, JWT Issuer, Access Token URL, RS256 and scopes as a claim", () => {
    const result = parseGoogleServiceAccountKey(`\n${keyFile()}\n`);
    expect(result).toEqual({
      ok: true,
      clientEmail: "directory-sync@latchkey-test.iam.gserviceaccount.com",
      values: {
        privateKey: pem.trim(),
        keyId: "0123456789abcdef0123456789abcdef01234567",
        jwtIssuer: "directory-sync@latchkey-test.iam.gserviceaccount.com",
        tokenUrl: "https://oauth2.googleapis.com/token",
        signingAlg: "RS256",
        jwtScopeIn: "claim",
      },
    });
    // The PEM has real line breaks again, as the schema and the signer expect.
    expect(result.ok && result.values.privateKey.split("\n").length).toBeGreaterThan(10);
  });

  it("gives values the shared schema accepts for a JWT Bearer connector", () => {
    const result = parseGoogleServiceAccountKey(keyFile());
    if (!result.ok) throw new Error(result.message);
    const parsed = connectorSchema({ allowLoopback: false }).safeParse({
      ...defaultConnectorValues(),
      name: "Google Directory",
      grantType: "jwt_bearer",
      ...result.values,
    });
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
  });

  it("refuses text that is not JSON", () => {
    expect(parseGoogleServiceAccountKey(pem)).toEqual({
      ok: false,
      message: "This is not valid JSON. Paste the whole key file, from the opening { to the closing }.",
    });
    expect(parseGoogleServiceAccountKey("  ")).toEqual({ ok: false, message: "Paste the service account's JSON key file first." });
  });

  it("refuses other Google JSON files, naming their type", () => {
    const oauthClient = JSON.stringify({ web: { client_id: "x.apps.googleusercontent.com", client_secret: "GOCSPX-secret" } });
    const userCredentials = JSON.stringify({ type: "authorized_user", client_id: "x", client_secret: "y", refresh_token: "1//z" });
    const refused = [oauthClient, userCredentials, "[1,2]", "null"].map(parseGoogleServiceAccountKey);
    for (const result of refused) expect(result.ok).toBe(false);
    const messages = refused.map((result) => (result.ok ? "" : result.message));
    expect(messages[0]).toMatch(/^This is not a Google service account key\./);
    expect(messages[1]).toMatch(/This file's type is "authorized_user"\.$/);
    // Nothing of the refused file is repeated back, least of all its secrets.
    expect(messages.join(" ")).not.toMatch(/GOCSPX|1\/\/z/);
  });

  it("names the fields a key file lacks", () => {
    const result = parseGoogleServiceAccountKey(keyFile({ private_key: undefined, client_email: "" }));
    expect(result).toEqual({
      ok: false,
      message: "The key file has no private_key, client_email. Download a new JSON key for the service account and paste it whole.",
    });
  });

  it("refuses a private key that is not PEM, and a token_uri that is not https", () => {
    expect(parseGoogleServiceAccountKey(keyFile({ private_key: "notasecret" }))).toMatchObject({
      ok: false,
      message: expect.stringMatching(/not a PEM private key/),
    });
    expect(parseGoogleServiceAccountKey(keyFile({ token_uri: "http://oauth2.googleapis.com/token" }))).toEqual({
      ok: false,
      message: "The key file's token_uri is not an https:// URL.",
    });
  });
});
