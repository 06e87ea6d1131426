/**
 * The key ring of the embedded default, read from the generated key file
 * (`.data/encryption-keys`), which follows that file while the app runs (SECURITY 9).
 *
 * `npm run keys:rotate -- --new-key` runs in another process: it writes a new key into the file
 * and re-encrypts every stored secret under it at once. An app that kept the ring it read at
 * start could not open any re-encrypted value until restarted. So when a stored value names a
 * key id this ring lacks, the ring re-reads the file; from then on it also encrypts with the
 * file's first key, as a restart would.
 *
 * The file is re-read only when it changed since the last read (device, inode, size and times
 * of a stat): a value under a key that is really gone costs one stat per attempt, never a read
 * and parse, and a new key is seen on the first value that needs it, with no delay to wait out.
 * The rotation command replaces the file with a rename, so a read sees the old ring or the new
 * one, never half a file. A file that no longer parses keeps the keys loaded before.
 */
import { readFileSync, statSync, type Stats } from "node:fs";
import { KeyRingError, parseKeyRing, type KeyRing } from "./key-ring";

function identityOf(stats: Stats): string {
  return `${stats.dev}:${stats.ino}:${stats.size}:${stats.mtimeMs}:${stats.ctimeMs}`;
}

/**
 * Loads the ring from `file` (errors name `variable`, like the environment's ring) and returns a
 * ring that reloads from it on demand. `log` gets one line per reload, never key material.
 */
export function keyFileRing(file: string, variable: string, log: (line: string) => void): KeyRing {
  // Stat before reading: if the file changes in between, the next reload sees a newer identity and reads again.
  let loadedIdentity = identityOf(statSync(file));
  let ring = parseKeyRing(readFileSync(file, "utf8"), variable);

  return {
    get currentId() {
      return ring.currentId;
    },
    get keys() {
      return ring.keys;
    },
    reload(): boolean {
      let identity: string;
      try {
        identity = identityOf(statSync(file));
      } catch {
        return false; // gone or unreadable for a moment: keep what we have
      }
      if (identity === loadedIdentity) return false;
      // Remember it even if it does not parse, so a broken file is not re-read on every value.
      loadedIdentity = identity;
      try {
        ring = parseKeyRing(readFileSync(file, "utf8"), variable);
      } catch (error) {
        const reason = error instanceof KeyRingError ? error.message : ((error as NodeJS.ErrnoException).code ?? "read failed");
        log(`latchkey: ${file} changed but could not be loaded (${reason}); keeping the keys loaded before`);
        return false;
      }
      log(`latchkey: reloaded the key ring from ${file}: encrypting with key ${ring.currentId}, ${ring.keys.size} key(s) in the ring`);
      return true;
    },
  };
}
