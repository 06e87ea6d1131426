/**
 * `npm run keys:rotate [-- --new-key | --promote <id>]`: re-encrypt every stored secret with the
 * current (first) key of the ring, while the app keeps running (SECURITY 9).
 *
 * --new-key       With the generated key file (embedded default) a new key is prepended to it
 *                 and everything is rotated to it at once. Running instances re-read the file
 *                 when they meet a value sealed with a key they lack (lib/crypto/key-file-ring.ts).
 *                 With LATCHKEY_ENCRYPTION_KEYS the ring lives in the deployment's configuration,
 *                 which a running process cannot re-read: the command prints a new entry to add
 *                 LAST (decrypt-only) on every instance and changes nothing.
 * --promote <id>  LATCHKEY_ENCRYPTION_KEYS only, once every instance runs with key <id> in its
 *                 ring: re-encrypt everything under <id>, wherever it stands in the ring. Values
 *                 sealed with a key an instance lacks are never written, so no instance fails.
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
import { describeError } from "../lib/log/safe-error";
import { rotateSecrets, RotationError, type RotationReport } from "../lib/secrets/rotate";
import { sealSecretExtras } from "../lib/secrets/seal-secret-extras";
import { SEALED_FIELDS, SEALED_FIELD_NAMES } from "../lib/secrets/sealed-fields";

const USAGE = "usage: npm run keys:rotate [-- --new-key | --promote <key id>]";

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

/**
 * Phase 1 of rotation with LATCHKEY_ENCRYPTION_KEYS. The new key goes in LAST: there it only
 * decrypts, so instances restarted with it keep sealing with the old key, which every instance
 * not yet restarted can still open. Putting it first at once would break a rolling restart.
 */
function printEnvironmentInstructions(config: Config): void {
  const entry = generateKeyEntry(freshKeyId(config.keyRing));
  const id = entry.slice(0, entry.indexOf(":"));
  const kept = [...config.keyRing.keys.keys()].join(", ");
  console.log("LATCHKEY_ENCRYPTION_KEYS is set, so the key ring lives in your deployment's configuration; nothing was changed.");
  console.log("New key entry (a secret: store it like the others):");
  console.log("");
  console.log(`  ${entry}`);
  console.log("");
  console.log(`1. Add it LAST in LATCHKEY_ENCRYPTION_KEYS, after the existing keys (${kept}), separated by a comma. There it only decrypts.`);
  console.log("2. Restart every instance (one at a time is fine) so all of them can decrypt with it.");
  console.log(`3. Then run \`npm run keys:rotate -- --promote ${id}\` with that value: it re-encrypts every stored secret with key ${id}.`);
}

/** The ring with `id` as the key to encrypt with, or a RotationError naming what is wrong. */
function promotedRing(config: Config, id: string): KeyRing {
  if (!config.keyRing.keys.has(id)) {
    throw new RotationError(
      `key "${id}" is not in LATCHKEY_ENCRYPTION_KEYS (it has ${[...config.keyRing.keys.keys()].join(", ")}); add it there, on every instance, first`,
    );
  }
  return { currentId: id, keys: config.keyRing.keys };
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

type Command = { newKey: boolean; promote: string | null };

function parseArguments(argv: string[]): Command | string {
  const command: Command = { newKey: false, promote: null };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (arg === "--new-key") command.newKey = true;
    else if (arg === "--promote" && argv[i + 1] && !argv[i + 1]!.startsWith("--")) command.promote = argv[++i]!;
    else if (arg === "--promote") return "--promote needs a key id";
    else return `unknown argument ${arg}`;
  }
  if (command.newKey && command.promote) return "--new-key and --promote are two separate steps; run one at a time";
  return command;
}

async function main(argv: string[]): Promise<number> {
  const command = parseArguments(argv);
  if (typeof command === "string") {
    console.error(`keys:rotate: ${command}\n${USAGE}`);
    return 2;
  }
  const { newKey, promote } = command;

  let config = loadConfig();
  const fromEnvironment = Boolean(process.env.LATCHKEY_ENCRYPTION_KEYS?.trim());

  if (newKey && fromEnvironment) {
    printEnvironmentInstructions(config);
    return 0;
  }
  if (promote && !fromEnvironment) {
    throw new RotationError(
      "--promote is for keys kept in LATCHKEY_ENCRYPTION_KEYS; with the key file, --new-key adds the key and running instances pick it up",
    );
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

  const ring = promote ? promotedRing(config, promote) : config.keyRing;
  const db = createDb(config.databaseUrl);
  try {
    // Secret extras the issue-12 migration left in plain text are sealed first, so the report covers them (SECURITY 42).
    const { sealed } = await sealSecretExtras(db, ring);
    if (sealed > 0) console.log(`Sealed ${sealed} secret extra value(s) that were stored in plain text.`);
    printReport(await rotateSecrets(db, ring));
  } finally {
    await db.$disconnect();
  }
  if (newKey) {
    // Running instances switch to the new key when they first meet a value sealed with it (they re-read the file);
    // until then they may still seal with the previous one, which stays in the ring for that.
    console.log("Running instances pick up the new key from the file when they first read a value sealed with it; no restart needed.");
    console.log("Run `npm run keys:rotate` once more later to re-encrypt values written meanwhile with the previous key.");
  }
  if (promote && config.keyRing.currentId !== promote) {
    console.log(`Now put ${promote} FIRST in LATCHKEY_ENCRYPTION_KEYS on every instance and restart them, so new values are sealed with it too.`);
    console.log(
      `Then run \`npm run keys:rotate\` once more to catch values sealed meanwhile with ${config.keyRing.currentId}; keep that key in the ring until it reports nothing rotated.`,
    );
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
      // Prisma messages quote the call and its arguments (ciphertexts): class and code only.
      console.error(`keys:rotate: failed: ${describeError(error)}`);
    }
    process.exitCode = 1;
  },
);
