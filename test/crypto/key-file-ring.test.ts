/**
 * The key file's ring follows the file: a value sealed with a key added to the file after the
 * ring was loaded opens (and new values are sealed with the file's first key from then on); a
 * file that did not change is not re-read; a broken file keeps the keys loaded before.
 */
import { mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { keyFileRing } from "@/lib/crypto/key-file-ring";
import { parseKeyRing } from "@/lib/crypto/key-ring";
import { seal, sealedKeyId, unseal, UnsealError } from "@/lib/crypto/seal";
import { keyRingEntry } from "../support/token-fixtures";

const context = { model: "Connector", id: "c1", field: "clientSecret" };
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A key file holding `entries`, and a way to replace it the way the rotation command does (write aside, rename). */
function keyFile(...entries: string[]) {
  const dir = mkdtempSync(path.join(tmpdir(), "latchkey-keyfile-"));
  dirs.push(dir);
  const file = path.join(dir, "encryption-keys");
  writeFileSync(file, `${entries.join("\n")}\n`, { mode: 0o600 });
  return {
    file,
    replace(content: string) {
      const temp = `${file}.tmp`;
      writeFileSync(temp, content, { mode: 0o600 });
      renameSync(temp, file);
    },
  };
}

describe("keyFileRing", () => {
  it("opens a value sealed with a key added to the file later, and then seals with that key", () => {
    const oldEntry = keyRingEntry("k-old");
    const newEntry = keyRingEntry("k-new");
    const { file, replace } = keyFile(oldEntry);
    const lines: string[] = [];
    const ring = keyFileRing(file, "LATCHKEY_ENCRYPTION_KEYS", (line) => lines.push(line));
    expect(ring.currentId).toBe("k-old");

    replace(`${newEntry}\n${oldEntry}\n`); // what `keys:rotate --new-key` does
    const sealedElsewhere = seal(parseKeyRing(`${newEntry},${oldEntry}`), context, "client-secret");
    expect(unseal(ring, context, sealedElsewhere)).toBe("client-secret");
    expect(ring.currentId).toBe("k-new");
    expect(sealedKeyId(seal(ring, context, "next"))).toBe("k-new");
    expect(lines).toEqual([`latchkey: reloaded the key ring from ${file}: encrypting with key k-new, 2 key(s) in the ring`]);
    for (const entry of [oldEntry, newEntry]) expect(lines.join("\n")).not.toContain(entry.split(":")[1]);
  });

  it("does not re-read an unchanged file for a value under a key it does not have", () => {
    const { file } = keyFile(keyRingEntry("k-old"));
    const lines: string[] = [];
    const ring = keyFileRing(file, "LATCHKEY_ENCRYPTION_KEYS", (line) => lines.push(line));
    const foreign = seal(parseKeyRing(keyRingEntry("k-elsewhere")), context, "x");
    for (let i = 0; i < 3; i += 1) expect(() => unseal(ring, context, foreign)).toThrow(UnsealError);
    expect(ring.reload?.()).toBe(false);
    expect(lines).toEqual([]);
  });

  it("keeps the keys it has when the file changes into something that is not a key ring, and says so once", () => {
    const oldEntry = keyRingEntry("k-old");
    const { file, replace } = keyFile(oldEntry);
    const lines: string[] = [];
    const ring = keyFileRing(file, "LATCHKEY_ENCRYPTION_KEYS", (line) => lines.push(line));
    const sealedOld = seal(ring, context, "still readable");

    replace("k-broken:not base64!\n");
    const foreign = seal(parseKeyRing(keyRingEntry("k-elsewhere")), context, "x");
    expect(() => unseal(ring, context, foreign)).toThrow(UnsealError);
    expect(() => unseal(ring, context, foreign)).toThrow(UnsealError);
    expect(unseal(ring, context, sealedOld)).toBe("still readable");
    expect(ring.currentId).toBe("k-old");
    expect(lines).toEqual([
      `latchkey: ${file} changed but could not be loaded (LATCHKEY_ENCRYPTION_KEYS: key "k-broken" is not base64); keeping the keys loaded before`,
    ]);
  });
});
