import { describe, expect, it } from "vitest";
import { seal, sealedKeyId, unseal, UnsealError, type SealContext } from "@/lib/crypto/seal";
import { SEALED_FIELDS, sealField, unsealField, type SealedFieldName } from "@/lib/secrets/sealed-fields";
import { testKeyRing } from "../support/test-keys";

const context: SealContext = { model: "Connector", id: "c-1", field: "clientSecret" };
const secret = "s3cr3t-value-ä-€";

/** Flips one bit of the decoded part `index` (2 = nonce, 3 = ciphertext+tag) and re-encodes it. */
function tamper(sealed: string, index: 2 | 3, byte: number): string {
  const parts = sealed.split(".");
  const bytes = Buffer.from(parts[index]!, "base64url");
  bytes[byte] = bytes[byte]! ^ 0x01;
  parts[index] = bytes.toString("base64url");
  return parts.join(".");
}

describe("seal", () => {
  it("round-trips", () => {
    const ring = testKeyRing("k1");
    expect(unseal(ring, context, seal(ring, context, secret))).toBe(secret);
    expect(unseal(ring, context, seal(ring, context, ""))).toBe("");
  });

  it("writes v1.<keyId>.<nonce>.<body> with a fresh 12-byte nonce every time", () => {
    const ring = testKeyRing("k1");
    const a = seal(ring, context, secret);
    const b = seal(ring, context, secret);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^v1\.k1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    const [, keyId, nonceA, body] = a.split(".");
    const nonceB = b.split(".")[2];
    expect(keyId).toBe("k1");
    expect(sealedKeyId(a)).toBe("k1");
    expect(Buffer.from(nonceA!, "base64url")).toHaveLength(12);
    expect(nonceA).not.toBe(nonceB);
    // ciphertext is as long as the UTF-8 plaintext, plus the 16-byte GCM tag
    expect(Buffer.from(body!, "base64url")).toHaveLength(Buffer.byteLength(secret, "utf8") + 16);
  });

  it("rejects any altered byte of the nonce, ciphertext or tag", () => {
    const ring = testKeyRing("k1");
    const sealed = seal(ring, context, secret);
    const bodyLength = Buffer.from(sealed.split(".")[3]!, "base64url").length;
    for (const changed of [tamper(sealed, 2, 0), tamper(sealed, 3, 0), tamper(sealed, 3, bodyLength - 1)]) {
      expect(changed).not.toBe(sealed);
      expect(() => unseal(ring, context, changed)).toThrow(/failed authentication/);
    }
  });

  it("rejects a value opened with another context", () => {
    const ring = testKeyRing("k1");
    const sealed = seal(ring, context, secret);
    expect(() => unseal(ring, { ...context, id: "c-2" }, sealed)).toThrow(UnsealError);
    expect(() => unseal(ring, { ...context, field: "accessToken" }, sealed)).toThrow(UnsealError);
    expect(() => unseal(ring, { ...context, model: "Token" }, sealed)).toThrow(UnsealError);
  });

  it("names the unknown key id, and fails under a different key with the same id", () => {
    const sealed = seal(testKeyRing("k-old"), context, secret);
    expect(() => unseal(testKeyRing("k-new"), context, sealed)).toThrow(/"k-old".*not in the key ring/);
    expect(() => unseal(testKeyRing("k-old"), context, sealed)).toThrow(/failed authentication/);
  });

  it("never puts the plaintext into an error message", () => {
    const ring = testKeyRing("k1");
    const sealed = seal(ring, context, secret);
    for (const attempt of [() => unseal(ring, { ...context, id: "x" }, sealed), () => unseal(ring, context, secret)]) {
      expect(attempt).toThrow(UnsealError);
      try {
        attempt();
      } catch (error) {
        expect(String((error as Error).message)).not.toContain(secret);
      }
    }
  });

  it("refuses values that are not in the sealed format", () => {
    const ring = testKeyRing("k1");
    const sealed = seal(ring, context, secret);
    for (const value of ["plaintext", `v2${sealed.slice(2)}`, `${sealed}.extra`, sealed.split(".").slice(0, 3).join(".")]) {
      expect(() => unseal(ring, context, value)).toThrow(UnsealError);
    }
  });
});

describe("sealed field registry", () => {
  it("names each entry <model>.<field>", () => {
    for (const [name, entry] of Object.entries(SEALED_FIELDS)) expect(name).toBe(`${entry.model}.${entry.field}`);
  });

  it("seals per entry and row: the value opens only for the same entry and row", () => {
    const ring = testKeyRing("k1");
    const sealed = sealField(ring, "Token.accessToken", "t-1", secret);
    expect(unsealField(ring, "Token.accessToken", "t-1", sealed)).toBe(secret);
    // Equivalent to the hand-written context, so callers and rotation agree on the associated data.
    expect(unseal(ring, { model: "Token", id: "t-1", field: "accessToken" }, sealed)).toBe(secret);
    expect(() => unsealField(ring, "Token.accessToken", "t-2", sealed)).toThrow(UnsealError);
    const others: SealedFieldName[] = ["Token.refreshToken", "Connector.clientSecret", "PendingAuthorization.codeVerifier"];
    for (const other of others) expect(() => unsealField(ring, other, "t-1", sealed)).toThrow(UnsealError);
  });
});
