/**
 * `npm run keys:rotate [-- --new-key]`: re-encrypt every stored secret with the current (first)
 * key of the ring, while the app keeps running (SECURITY 9).
 *
 * --new-key  With the generated key file (embedded default) a new key is prepended to it and
 *            everything is rotated to it. With LATCHKEY_ENCRYPTION_KEYS the ring lives in the
 *            deployment's configuration, which this command cannot change: it prints a new
 *            entry to put first and changes nothing.
 *
 * Prints counts only; key material is never printed, except the one new entry in the
 * environment-variable case, which the operator has to copy.
 */
import { randomBytes } from "node:crypto";
import { chmodSync, closeSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from "node:fs";
import path from "node:path";
import { KeyRingError, parseKeyRing, type KeyRing } from "../lib/crypto/key-ring";
import { createDb } from "../lib/db";
import { ConfigError, ENCRYPTION_KEY_FILE, generateKeyEntry, loadConfig, type Config } from "../lib/env";
import { rotateSecrets, RotationError, type RotationReport } from "../lib/secrets/rotate";
import { SEALED_FIELDS, SEALED_FIELD_NAMES } from "../lib/secrets/sealed-fields";

const USAGE = "usage: npm run keys:rotate [-- --new-key]";

/** A key id not yet in the ring: kYYYYMMDD, then kYYYYMMDD-2, ... (a ring created today already has kYYYYMMDD). */
function freshKeyId(ring: KeyRing): string {
  const base = `k${new Date().toISOString().slice(0, 10).replaceAll("-", "")}`;
  let id = base;
  for (let n = 2; ring.keys.has(id); n += 1) id = `${base}-${n}`;
  return id;
}

/**
 * Prepends `entry` to the key file. Written to a temporary file (mode 0600) in the same
 * directory, synced, then renamed over the original, so a crash leaves the old ring or the new
 * one, never half a file, and the keys are never readable by other users even briefly.
 */
function prependToKeyFile(file: string, entry: string): void {
  const existing = readFileSync(file, "utf8")
    .split(/[,\n]/)
    .map((line) => line.trim())
    .filter(Boolean);
  const content = `${[entry, ...existing].join("\n")}\n`;
  parseKeyRing(content, file); // refuse to write a ring the app could not load
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    const fd = openSync(temp, "wx", 0o600);
    try {
      writeSync(fd, content);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    chmodSync(temp, 0o600); // the mode given to open is reduced by the umask; make it exact
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  syncDirectory(path.dirname(file));
}

/** Makes the rename itself durable. Not every platform can fsync a directory; the rename has happened either way. */
function syncDirectory(dir: string): void {
  try {
    const fd = openSync(dir, "r");
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // best effort
  }
}

function printEnvironmentInstructions(config: Config): void {
  const entry = generateKeyEntry(freshKeyId(config.keyRing));
  const id = entry.slice(0, entry.indexOf(":"));
  const kept = [...config.keyRing.keys.keys()].join(", ");
  console.log("LATCHKEY_ENCRYPTION_KEYS is set, so the key ring lives in your deployment's configuration; nothing was changed.");
  console.log("New key entry (a secret: store it like the others):");
  console.log("");
  console.log(`  ${entry}`);
  console.log("");
  console.log(`1. Put it FIRST in LATCHKEY_ENCRYPTION_KEYS, followed by the existing keys (${kept}), separated by commas.`);
  console.log("2. Restart every instance so all of them encrypt with it.");
  console.log(`3. Run \`npm run keys:rotate\` to re-encrypt stored secrets with key ${id}.`);
}

function printReport(report: RotationReport): void {
  const header = ["column", "examined", "rotated", "already current", "changed meanwhile"];
  const rows = SEALED_FIELD_NAMES.map((name) => {
    const { model, column } = SEALED_FIELDS[name];
    const c = report.columns[name];
    return [`${model}.${column}`, c.examined, c.rotated, c.alreadyCurrent, c.changedConcurrently].map(String);
  });
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]?.length ?? 0)));
  const line = (cells: string[]) => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join("  ");
  console.log(line(header));
  for (const row of rows) console.log(line(row));
  const total = SEALED_FIELD_NAMES.reduce((sum, name) => sum + report.columns[name].rotated, 0);
  console.log(`Rotated ${total} value(s); every value examined is now sealed with key ${report.keyId}.`);
}

async function main(argv: string[]): Promise<number> {
  const unknown = argv.filter((arg) => arg !== "--new-key");
  if (unknown.length > 0) {
    console.error(`keys:rotate: unknown argument ${unknown[0]}\n${USAGE}`);
    return 2;
  }
  const newKey = argv.includes("--new-key");

  let config = loadConfig();
  const fromEnvironment = Boolean(process.env.LATCHKEY_ENCRYPTION_KEYS?.trim());

  if (newKey && fromEnvironment) {
    printEnvironmentInstructions(config);
    return 0;
  }
  if (newKey) {
    const file = path.join(config.dataDir, ENCRYPTION_KEY_FILE);
    const id = freshKeyId(config.keyRing);
    prependToKeyFile(file, generateKeyEntry(id));
    config = loadConfig();
    if (config.keyRing.currentId !== id) throw new RotationError(`${file} was updated but does not start with the new key ${id}`);
    console.log(`Added key ${id} to ${file} as the encryption key; the previous keys stay for decryption.`);
    console.log("Back this file up now: values sealed with the new key cannot be decrypted without it.");
  }

  const db = createDb(config.databaseUrl);
  try {
    printReport(await rotateSecrets(db, config.keyRing));
  } finally {
    await db.$disconnect();
  }
  if (newKey) {
    // A running app loaded the ring at start-up and keeps sealing with the previous key until it restarts.
    console.log("Restart Latchkey so it encrypts with the new key, then run `npm run keys:rotate` once more to catch values written meanwhile.");
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof ConfigError || error instanceof KeyRingError) {
      console.error(error.message); // already one line naming the setting
    } else if (error instanceof RotationError) {
      console.error(`keys:rotate: ${error.message}`);
    } else {
      // Prisma messages quote the call and its arguments (ciphertexts) before the reason on the
      // last line; show the error's name, code and that reason only.
      const name = error instanceof Error ? error.name : "Error";
      const code = (error as { code?: unknown } | null)?.code;
      const lines = (error instanceof Error ? error.message : String(error)).split("\n").filter((l) => l.trim());
      console.error(`keys:rotate: failed: ${name}${typeof code === "string" ? ` ${code}` : ""}: ${lines.at(-1)?.trim() ?? ""}`);
    }
    process.exitCode = 1;
  },
);
