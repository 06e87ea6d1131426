/**
 * Key rotation while the app keeps running: a real app process (test/support/unseal-worker.ts)
 * opens sealed client secrets and tokens in a loop, through the app's own readers, while
 * `npm run keys:rotate` runs in another process. The app must never fail to open a value.
 *
 * - Embedded default (key file): `--new-key` adds the key to the file and re-encrypts; the
 *   running app meets the unknown key id, re-reads the file and carries on.
 * - LATCHKEY_ENCRYPTION_KEYS: a running process cannot see a new value of its environment, so
 *   rotation is two-phase: `--new-key` prints an entry to add as decrypt-only (every instance
 *   restarted with it), then `--promote <id>` re-encrypts under it.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, inject, it } from "vitest";
import { parseKeyRing, type KeyRing } from "@/lib/crypto/key-ring";
import { sealedKeyId } from "@/lib/crypto/seal";
import type { Db } from "@/lib/db";
import { loadConfig } from "@/lib/env";
import { sealField } from "@/lib/secrets/sealed-fields";
import { createTestDatabase, type TestDatabase } from "../support/databases";
import type { UnsealWorkerCommand, UnsealWorkerMessage, UnsealWorkerReport } from "../support/unseal-worker";
import { keyRingEntry } from "../support/token-fixtures";

const ROOT = path.resolve(import.meta.dirname, "../..");
const CONNECTORS = ["rw-1", "rw-2", "rw-3", "rw-4", "rw-5", "rw-6"];

/** The environment of an app process or of the command: only what the test gives, nothing inherited from LATCHKEY_*. */
function appEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith("LATCHKEY_") && name !== "DATABASE_URL" && name !== "AUTH_SECRET"),
  );
  return { ...inherited, ...env } as NodeJS.ProcessEnv;
}

function runRotate(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/rotate-keys.ts", ...args], {
      cwd: ROOT,
      env: appEnv(env),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

interface RunningApp {
  report(): Promise<UnsealWorkerReport>;
  stop(): Promise<void>;
}

async function startApp(env: Record<string, string>, expected: Record<string, string>): Promise<RunningApp> {
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "test/support/unseal-worker.ts"], {
    cwd: ROOT,
    env: appEnv(env),
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const message = (type: UnsealWorkerMessage["type"]) =>
    new Promise<UnsealWorkerMessage>((resolve, reject) => {
      child.on("message", (m: UnsealWorkerMessage) => m.type === type && resolve(m));
      void exited.then(() => reject(new Error(`app process exited before "${type}":\n${output}`)));
    });
  const send = (command: UnsealWorkerCommand) => child.send(command);
  await message("ready");
  send({ type: "start", connectorIds: CONNECTORS, expected });
  return {
    report: async () => {
      const answer = message("report");
      send({ type: "report" });
      const m = await answer;
      if (m.type !== "report") throw new Error("unexpected message");
      return m.report;
    },
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) send({ type: "exit" });
      await exited;
    },
  };
}

/** Connectors with a sealed client secret and a token with sealed access and refresh tokens; returns the plaintexts by `${id}/secret|access|refresh`. */
async function seed(db: Db, ring: KeyRing): Promise<Record<string, string>> {
  const expected: Record<string, string> = {};
  for (const id of CONNECTORS) {
    expected[`${id}/secret`] = `secret-of-${id}`;
    expected[`${id}/access`] = `access-of-${id}`;
    expected[`${id}/refresh`] = `refresh-of-${id}`;
    await db.connector.create({
      data: {
        id,
        name: `Rotation ${id}`,
        grantType: "client_credentials",
        tokenUrl: "https://vendor.example/token",
        clientId: `client-${id}`,
        clientSecretEnc: sealField(ring, "Connector.clientSecret", id, expected[`${id}/secret`]!),
      },
    });
    const tokenId = `tok-${id}`;
    await db.token.create({
      data: {
        id: tokenId,
        connectorId: id,
        accessTokenEnc: sealField(ring, "Token.accessToken", tokenId, expected[`${id}/access`]!),
        refreshTokenEnc: sealField(ring, "Token.refreshToken", tokenId, expected[`${id}/refresh`]!),
      },
    });
  }
  return expected;
}

async function keyIdsInDatabase(db: Db): Promise<string[]> {
  const rows = await db.connector.findMany({ where: { id: { in: CONNECTORS } }, select: { clientSecretEnc: true } });
  return [...new Set(rows.map((row) => sealedKeyId(row.clientSecretEnc ?? "") ?? "?"))];
}

describe("key rotation while an app process keeps running", () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  async function database(kind: "sqlite" | "postgresql"): Promise<TestDatabase> {
    const created = await createTestDatabase(kind);
    cleanup.push(() => created.drop());
    return created;
  }

  function dataDir(): string {
    const dir = mkdtempSync(path.join(tmpdir(), "latchkey-rotation-"));
    cleanup.push(async () => rmSync(dir, { recursive: true, force: true }));
    return dir;
  }

  it("key file: --new-key re-encrypts under a key the running app has not loaded, and the app never fails to open a value", async () => {
    const { db, url } = await database("sqlite");
    const env = { DATABASE_URL: url, LATCHKEY_DATA_DIR: dataDir() };
    const before = loadConfig(env, () => {}).keyRing; // generates the key file, as the first start does
    const expected = await seed(db, before);

    const app = await startApp(env, expected);
    cleanup.push(() => app.stop());
    const rotation = await runRotate(["--new-key"], env);
    expect(rotation.stderr).toBe("");
    expect(rotation.code).toBe(0);

    const newId = loadConfig(env, () => {}).keyRing.currentId;
    expect(newId).not.toBe(before.currentId);
    expect(await keyIdsInDatabase(db)).toEqual([newId]);

    const report = await app.report();
    expect(report.failures).toEqual([]);
    expect(report.passes).toBeGreaterThanOrEqual(2);
    expect(report.keyIdsLastPass).toEqual([newId]);
    // Having met the new key, the app also seals new values with it: no restart needed.
    expect(report.sealsWith).toBe(newId);
  });

  it("LATCHKEY_ENCRYPTION_KEYS: --new-key prints an entry to add decrypt-only; --promote re-encrypts under it while the app keeps running", async () => {
    const { db, url } = await database(inject("pgTemplate") !== null ? "postgresql" : "sqlite");
    const oldEntry = keyRingEntry("k-old");
    const base = {
      DATABASE_URL: url,
      LATCHKEY_DATA_DIR: dataDir(),
      AUTH_SECRET: "s".repeat(40),
      NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: Buffer.alloc(32, 9).toString("base64"),
    };
    const expected = await seed(db, parseKeyRing(oldEntry));

    // Phase 1: the command prints a new entry and changes nothing.
    const phase1 = await runRotate(["--new-key"], { ...base, LATCHKEY_ENCRYPTION_KEYS: oldEntry });
    expect(phase1.stderr).toBe("");
    expect(phase1.code).toBe(0);
    const printed = phase1.stdout.match(/^\s+([A-Za-z0-9_-]+:[A-Za-z0-9+/=]+)$/m)?.[1];
    expect(printed).toBeDefined();
    const newId = parseKeyRing(printed!).currentId;
    expect(phase1.stdout).toMatch(/LAST in LATCHKEY_ENCRYPTION_KEYS/);
    expect(phase1.stdout).toContain(`--promote ${newId}`);
    expect(await keyIdsInDatabase(db)).toEqual(["k-old"]);

    // Every instance restarted with the new entry after the old one: it decrypts there, the old key still encrypts.
    const ring = `${oldEntry},${printed}`;
    const app = await startApp({ ...base, LATCHKEY_ENCRYPTION_KEYS: ring }, expected);
    cleanup.push(() => app.stop());

    // Phase 2: promote. The command's environment is the instances' one.
    const phase2 = await runRotate(["--promote", newId], { ...base, LATCHKEY_ENCRYPTION_KEYS: ring });
    expect(phase2.stderr).toBe("");
    expect(phase2.code).toBe(0);
    expect(phase2.stdout).toContain(`every value examined is now sealed with key ${newId}`);
    expect(phase2.stdout).toMatch(new RegExp(`put ${newId} FIRST in LATCHKEY_ENCRYPTION_KEYS`));
    expect(await keyIdsInDatabase(db)).toEqual([newId]);

    const report = await app.report();
    expect(report.failures).toEqual([]);
    expect(report.keyIdsLastPass).toEqual([newId]);
    expect(report.sealsWith).toBe("k-old");
  });

  it("--promote refuses a key id that is not in the ring, and changes nothing", async () => {
    const { db, url } = await database("sqlite");
    const oldEntry = keyRingEntry("k-old");
    await seed(db, parseKeyRing(oldEntry));
    const result = await runRotate(["--promote", "k-missing"], {
      DATABASE_URL: url,
      LATCHKEY_DATA_DIR: dataDir(),
      AUTH_SECRET: "s".repeat(40),
      LATCHKEY_ENCRYPTION_KEYS: oldEntry,
    });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toMatch(/^keys:rotate: key "k-missing" is not in LATCHKEY_ENCRYPTION_KEYS/);
    expect(result.stderr.trim()).not.toContain("\n");
    expect(await keyIdsInDatabase(db)).toEqual(["k-old"]);
  });
});
