import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { KeyRingError, parseKeyRing } from "@/lib/crypto/key-ring";

const VARIABLE = "MY_KEYS";
const key32 = () => randomBytes(32).toString("base64");

/** The error parseKeyRing throws for `source`; fails the test if it does not throw. */
function failure(source: string): KeyRingError {
  try {
    parseKeyRing(source, VARIABLE);
  } catch (error) {
    expect(error).toBeInstanceOf(KeyRingError);
    return error as KeyRingError;
  }
  throw new Error(`parseKeyRing accepted ${JSON.stringify(source)}`);
}

describe("parseKeyRing", () => {
  it("makes the first key current and keeps every key for decryption", () => {
    const [a, b] = [key32(), key32()];
    const ring = parseKeyRing(` new:${a} ,\nold:${b}\n`, VARIABLE);
    expect(ring.currentId).toBe("new");
    expect([...ring.keys.keys()]).toEqual(["new", "old"]);
    expect(ring.keys.get("new")).toEqual(Buffer.from(a, "base64"));
    expect(ring.keys.get("old")).toEqual(Buffer.from(b, "base64"));
  });

  it("accepts base64url keys", () => {
    const raw = randomBytes(32);
    expect(parseKeyRing(`k1:${raw.toString("base64url")}`, VARIABLE).keys.get("k1")).toEqual(raw);
  });

  it("rejects a 16-byte key, naming the variable and the key but not the key material", () => {
    const short = randomBytes(16).toString("base64");
    const error = failure(`k1:${key32()},short:${short}`);
    expect(error.message).toContain(VARIABLE);
    expect(error.message).toMatch(/"short" is 16 bytes.*32/);
    expect(error.message).not.toContain(short);
  });

  it("rejects a 33-byte key", () => {
    expect(failure(`k1:${randomBytes(33).toString("base64")}`).message).toMatch(/MY_KEYS: key "k1" is 33 bytes/);
  });

  it("rejects an entry without an id", () => {
    for (const source of [key32(), `:${key32()}`, `bad id!:${key32()}`, `k1:${key32()},${key32()}`]) {
      const error = failure(source);
      expect(error.message).toContain(VARIABLE);
      expect(error.message).toMatch(/id:base64/);
    }
  });

  it("rejects a duplicate id", () => {
    const error = failure(`k1:${key32()},k1:${key32()}`);
    expect(error.message).toContain(VARIABLE);
    expect(error.message).toMatch(/"k1" appears twice/);
  });

  it("rejects a value that is not base64", () => {
    const error = failure("k1:not*base64!");
    expect(error.message).toContain(VARIABLE);
    expect(error.message).toMatch(/"k1" is not base64/);
    expect(error.message).not.toContain("not*base64!");
  });

  it("rejects empty input", () => {
    for (const source of ["", "   ", " , \n ,"]) {
      const error = failure(source);
      expect(error.message).toBe(`${VARIABLE}: no key given`);
    }
  });

  it("names LATCHKEY_ENCRYPTION_KEYS by default", () => {
    expect(() => parseKeyRing("")).toThrow(/^LATCHKEY_ENCRYPTION_KEYS: /);
  });
});
