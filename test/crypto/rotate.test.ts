import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseKeyRing, type KeyRing } from "@/lib/crypto/key-ring";
import { sealedKeyId, UnsealError } from "@/lib/crypto/seal";
import type { Db } from "@/lib/db";
import { ENCRYPTION_KEY_FILE, loadConfig } from "@/lib/env";
import { rotateSecrets, RotationError, type RotationCounts } from "@/lib/secrets/rotate";
import { SEALED_FIELDS, SEALED_FIELD_NAMES, sealField, unsealField, type SealedFieldName } from "@/lib/secrets/sealed-fields";
import { createTestDatabase, describeEachDatabase } from "../support/databases";
import { testKeyRing } from "../support/test-keys";

/** A ring that encrypts with `currentId` and can decrypt with every key of `rings`. */
function combine(currentId: string, ...rings: KeyRing[]): KeyRing {
  return { currentId, keys: new Map(rings.flatMap((ring) => [...ring.keys])) };
}

function counts(examined: number, rotated: number, alreadyCurrent: number, changedConcurrently = 0): RotationCounts {
  return { examined, rotated, alreadyCurrent, changedConcurrently };
}

async function readSealed(db: Db, name: SealedFieldName, id: string): Promise<string | null> {
  const { column } = SEALED_FIELDS[name];
  switch (name) {
    case "Connector.clientSecret":
    case "Connector.privateKey":
    case "Connector.apiKey":
    case "Connector.basicUsername":
    case "Connector.basicPassword": {
      const connector = await db.connector.findUniqueOrThrow({ where: { id } });
      return connector[column as "clientSecretEnc" | "privateKeyEnc" | "apiKeyEnc" | "basicUsernameEnc" | "basicPasswordEnc"];
    }
    case "ConnectorExtra.value":
      return (await db.connectorExtra.findUniqueOrThrow({ where: { id } })).valueEnc;
    case "Token.accessToken":
    case "Token.refreshToken": {
      const token = await db.token.findUniqueOrThrow({ where: { id } });
      return column === "accessTokenEnc" ? token.accessTokenEnc : token.refreshTokenEnc;
    }
    case "PendingAuthorization.codeVerifier":
      return (await db.pendingAuthorization.findUniqueOrThrow({ where: { id } })).codeVerifierEnc;
    case "AlertWebhook.secret":
      return (await db.alertWebhook.findUniqueOrThrow({ where: { id } })).secretEnc;
  }
}

/**
 * The database as rotation sees it, except that just before rotation's compare-and-set on a
 * connector row, `writer` runs once for that row: a deterministic stand-in for a request that
 * saves the connector between rotation's read and its write.
 */
function withConcurrentWriter(db: Db, writer: (id: string) => Promise<void>): Db {
  const seen = new Set<string>();
  const connector = new Proxy(db.connector, {
    get(target, property) {
      if (property !== "updateMany") return Reflect.get(target, property);
      return async (args: { where: { id: string } }) => {
        if (!seen.has(args.where.id)) {
          seen.add(args.where.id);
          await writer(args.where.id);
        }
        return target.updateMany(args as Parameters<typeof target.updateMany>[0]);
      };
    },
  });
  return new Proxy(db, { get: (target, property) => (property === "connector" ? connector : Reflect.get(target, property)) });
}

const oldRing = testKeyRing("k-old");
const newOnly = testKeyRing("k-new");
const oldAndNew = combine("k-new", newOnly, oldRing);

const CONNECTORS = ["c-01", "c-02", "c-03", "c-04", "c-05"];

describeEachDatabase("sealed columns and key rotation", (ctx) => {
  /** `${entry}/${row id}` → the plaintext sealed there. */
  const plaintexts = new Map<string, string>();
  const sealed = (name: SealedFieldName, id: string, value: string) => {
    plaintexts.set(`${name}/${id}`, value);
    return sealField(oldRing, name, id, value);
  };

  beforeAll(async () => {
    const { db } = ctx();
    for (const id of CONNECTORS) {
      await db.connector.create({
        data: {
          id,
          name: `Connector ${id}`,
          grantType: "client_credentials",
          tokenUrl: "https://vendor.example/token",
          clientId: `client-${id}`,
          clientSecretEnc: sealed("Connector.clientSecret", id, `secret-of-${id}`),
        },
      });
    }
    // A connector without a secret: nothing to rotate, nothing to count.
    await db.connector.create({
      data: { id: "c-06", name: "Public client", grantType: "client_credentials", tokenUrl: "https://vendor.example/token", clientId: "public" },
    });
    // Issue 12's sealed columns: private keys (Signed JWT, JWT Bearer), static credentials, secret extras.
    for (const id of ["c-01", "c-02", "c-05"]) {
      await db.connector.update({
        where: { id },
        data: { privateKeyEnc: sealed("Connector.privateKey", id, `-----BEGIN PRIVATE KEY-----\nkey-of-${id}\n-----END PRIVATE KEY-----`) },
      });
    }
    await db.connector.create({
      data: {
        id: "c-07",
        name: "API key",
        credentialType: "api_key",
        grantType: "client_credentials",
        tokenUrl: "",
        clientId: "",
        apiKeyEnc: sealed("Connector.apiKey", "c-07", "kandji-api-key"),
      },
    });
    for (const id of ["c-08", "c-09"]) {
      await db.connector.create({
        data: {
          id,
          name: `Basic ${id}`,
          credentialType: "basic",
          grantType: "client_credentials",
          tokenUrl: "",
          clientId: "",
          basicUsernameEnc: sealed("Connector.basicUsername", id, `user-of-${id}`),
          basicPasswordEnc: sealed("Connector.basicPassword", id, `password-of-${id}`),
        },
      });
    }
    const extra = (id: string, connectorId: string, kind: string, name: string, position: number) =>
      db.connectorExtra.create({
        data: {
          id,
          connectorId,
          request: "token",
          kind,
          position,
          name,
          value: "",
          secret: true,
          valueEnc: sealed("ConnectorExtra.value", id, `value-of-${id}`),
        },
      });
    await extra("x-01", "c-01", "header", "X-Api-Key", 0);
    await extra("x-02", "c-01", "param", "api_key", 0);
    await extra("x-03", "c-03", "header", "X-Api-Key", 0);
    // A plain extra: not sealed, nothing to rotate.
    await db.connectorExtra.create({
      data: { id: "x-04", connectorId: "c-03", request: "token", kind: "header", position: 1, name: "X-Tenant", value: "north" },
    });
    await db.token.create({
      data: {
        id: "t-01",
        connectorId: "c-01",
        accessTokenEnc: sealed("Token.accessToken", "t-01", "access-01"),
        refreshTokenEnc: sealed("Token.refreshToken", "t-01", "refresh-01"),
      },
    });
    await db.token.create({ data: { id: "t-02", connectorId: "c-02", accessTokenEnc: sealed("Token.accessToken", "t-02", "access-02") } });
    await db.user.create({ data: { id: "u-1", email: "admin@example.com", role: "admin" } });
    await db.pendingAuthorization.create({
      data: {
        id: "p-1",
        stateHash: "state-hash",
        connectorId: "c-01",
        userId: "u-1",
        sessionHash: "session-hash",
        authUrl: "https://vendor.example/authorize",
        tokenUrl: "https://vendor.example/token",
        configVersion: 1,
        expiresAt: new Date(Date.now() + 600_000),
        codeVerifierEnc: sealed("PendingAuthorization.codeVerifier", "p-1", "verifier-1"),
      },
    });
    await db.alertWebhook.create({
      data: { id: "default", url: "https://alerts.example/hook", secretEnc: sealed("AlertWebhook.secret", "default", "lkwh_signing-secret") },
    });
  });

  it("refuses a ciphertext copied to another row of the same column", async () => {
    const { db } = ctx();
    const original = await readSealed(db, "Connector.clientSecret", "c-02");
    const fromC01 = (await readSealed(db, "Connector.clientSecret", "c-01"))!;
    await db.connector.update({ where: { id: "c-02" }, data: { clientSecretEnc: fromC01 } });

    const copied = (await readSealed(db, "Connector.clientSecret", "c-02"))!;
    expect(copied).toBe(fromC01);
    expect(() => unsealField(oldRing, "Connector.clientSecret", "c-02", copied)).toThrow(UnsealError);
    expect(unsealField(oldRing, "Connector.clientSecret", "c-01", copied)).toBe("secret-of-c-01");

    await db.connector.update({ where: { id: "c-02" }, data: { clientSecretEnc: original } });
  });

  it("refuses a ciphertext copied to another field of the same row", async () => {
    const { db } = ctx();
    const original = await readSealed(db, "Token.refreshToken", "t-01");
    const access = (await readSealed(db, "Token.accessToken", "t-01"))!;
    await db.token.update({ where: { id: "t-01" }, data: { refreshTokenEnc: access } });

    const copied = (await readSealed(db, "Token.refreshToken", "t-01"))!;
    expect(copied).toBe(access);
    expect(() => unsealField(oldRing, "Token.refreshToken", "t-01", copied)).toThrow(UnsealError);
    expect(unsealField(oldRing, "Token.accessToken", "t-01", copied)).toBe("access-01");

    await db.token.update({ where: { id: "t-01" }, data: { refreshTokenEnc: original } });
  });

  it("re-encrypts every sealed value under the new key, readable without the old key", async () => {
    const { db } = ctx();
    const report = await rotateSecrets(db, oldAndNew, { batchSize: 2 });
    expect(report).toEqual({
      keyId: "k-new",
      columns: {
        "Connector.clientSecret": counts(5, 5, 0),
        "Connector.privateKey": counts(3, 3, 0),
        "Connector.apiKey": counts(1, 1, 0),
        "Connector.basicUsername": counts(2, 2, 0),
        "Connector.basicPassword": counts(2, 2, 0),
        "ConnectorExtra.value": counts(3, 3, 0),
        "Token.accessToken": counts(2, 2, 0),
        "Token.refreshToken": counts(1, 1, 0),
        "PendingAuthorization.codeVerifier": counts(1, 1, 0),
        "AlertWebhook.secret": counts(1, 1, 0),
      },
    });
    // Every column of the registry was seeded, so a sealed column added later without a case here fails.
    for (const name of SEALED_FIELD_NAMES)
      expect(
        [...plaintexts.keys()].some((key) => key.startsWith(`${name}/`)),
        name,
      ).toBe(true);
    expect(plaintexts.size).toBe(21);
    for (const [key, plaintext] of plaintexts) {
      const [name, id] = key.split("/") as [SealedFieldName, string];
      const value = (await readSealed(db, name, id))!;
      expect(sealedKeyId(value), key).toBe("k-new");
      expect(unsealField(newOnly, name, id, value), key).toBe(plaintext);
    }
    expect(await readSealed(db, "Connector.clientSecret", "c-06")).toBeNull();
    expect(await readSealed(db, "Token.refreshToken", "t-02")).toBeNull();
    expect(await readSealed(db, "Connector.privateKey", "c-03")).toBeNull();
    expect(await readSealed(db, "ConnectorExtra.value", "x-04")).toBeNull();
    expect((await db.connectorExtra.findUniqueOrThrow({ where: { id: "x-04" } })).value).toBe("north");
  });

  it("rotates nothing the second time", async () => {
    const { db } = ctx();
    const before = await db.connector.findMany({ orderBy: { id: "asc" } });
    const extrasBefore = await db.connectorExtra.findMany({ orderBy: { id: "asc" } });
    const report = await rotateSecrets(db, oldAndNew, { batchSize: 2 });
    expect(report.columns).toEqual({
      "Connector.clientSecret": counts(5, 0, 5),
      "Connector.privateKey": counts(3, 0, 3),
      "Connector.apiKey": counts(1, 0, 1),
      "Connector.basicUsername": counts(2, 0, 2),
      "Connector.basicPassword": counts(2, 0, 2),
      "ConnectorExtra.value": counts(3, 0, 3),
      "Token.accessToken": counts(2, 0, 2),
      "Token.refreshToken": counts(1, 0, 1),
      "PendingAuthorization.codeVerifier": counts(1, 0, 1),
      "AlertWebhook.secret": counts(1, 0, 1),
    });
    expect(await db.connector.findMany({ orderBy: { id: "asc" } })).toEqual(before);
    expect(await db.connectorExtra.findMany({ orderBy: { id: "asc" } })).toEqual(extrasBefore);
  });
});

describeEachDatabase("key rotation alongside other writers", (ctx) => {
  const ring3 = testKeyRing("k-3");
  const ring3AndOlder = combine("k-3", ring3, oldAndNew);

  beforeAll(async () => {
    const { db } = ctx();
    for (const id of CONNECTORS) {
      await db.connector.create({
        data: {
          id,
          name: `Connector ${id}`,
          grantType: "client_credentials",
          tokenUrl: "https://vendor.example/token",
          clientId: `client-${id}`,
          clientSecretEnc: sealField(oldRing, "Connector.clientSecret", id, `secret-of-${id}`),
        },
      });
    }
  });

  it("never overwrites a value changed between read and write, and rotates the new value", async () => {
    const { db } = ctx();
    const write = (id: string, clientSecretEnc: string | null) => db.connector.update({ where: { id }, data: { clientSecretEnc } });
    const racing = withConcurrentWriter(db, async (id) => {
      // An instance still on the previous key saves c-02; one already on the new key saves c-03; c-04 is cleared.
      if (id === "c-02") await write(id, sealField(oldAndNew, "Connector.clientSecret", id, "saved-during-rotation-02"));
      if (id === "c-03") await write(id, sealField(ring3AndOlder, "Connector.clientSecret", id, "saved-during-rotation-03"));
      if (id === "c-04") await write(id, null);
    });

    const report = await rotateSecrets(racing, ring3AndOlder, { batchSize: 2 });
    expect(report.columns["Connector.clientSecret"]).toEqual({ examined: 5, rotated: 3, alreadyCurrent: 1, changedConcurrently: 3 });

    const expected: Record<string, string | null> = {
      "c-01": "secret-of-c-01",
      "c-02": "saved-during-rotation-02",
      "c-03": "saved-during-rotation-03",
      "c-04": null,
      "c-05": "secret-of-c-05",
    };
    for (const [id, plaintext] of Object.entries(expected)) {
      const value = await readSealed(db, "Connector.clientSecret", id);
      if (plaintext === null) {
        expect(value).toBeNull();
        continue;
      }
      expect(sealedKeyId(value!), id).toBe("k-3");
      expect(unsealField(ring3, "Connector.clientSecret", id, value!), id).toBe(plaintext);
    }
  });

  it("stops at a value it cannot decrypt, naming model, column and row but not the value", async () => {
    const { db } = ctx();
    const fromC01 = (await readSealed(db, "Connector.clientSecret", "c-01"))!;
    await db.connector.update({ where: { id: "c-05" }, data: { clientSecretEnc: fromC01 } });
    const ring4 = combine("k-4", testKeyRing("k-4"), ring3AndOlder);

    const error = await rotateSecrets(db, ring4).then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(RotationError);
    const message = (error as Error).message;
    expect(message).toMatch(/Connector\.clientSecretEnc of row c-05/);
    expect(message).toMatch(/failed authentication/);
    expect(message).not.toContain(fromC01);
    expect(message).not.toContain(fromC01.split(".")[3]!.slice(0, 12));
    expect(message).not.toContain("secret-of-c-01");
    // The copied value was left as it was.
    expect(await readSealed(db, "Connector.clientSecret", "c-05")).toBe(fromC01);
  });

  it("names the missing key when the ring lacks it, and changes nothing", async () => {
    const { db } = ctx();
    const before = await db.connector.findMany({ orderBy: { id: "asc" } });
    await expect(rotateSecrets(db, testKeyRing("k-unrelated"))).rejects.toThrow(/Connector\.clientSecretEnc of row c-01 \(.*"k-4".*not in the key ring/);
    expect(await db.connector.findMany({ orderBy: { id: "asc" } })).toEqual(before);
  });
});

describe("npm run keys:rotate", () => {
  const root = path.resolve(import.meta.dirname, "../..");
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let dataDir: string;

  /** The environment of the command: our test database and data directory, keys from the key file. */
  function commandEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = { ...process.env, LATCHKEY_DATA_DIR: dataDir, DATABASE_URL: database.url, ...extra };
    if (!("LATCHKEY_ENCRYPTION_KEYS" in extra)) delete env.LATCHKEY_ENCRYPTION_KEYS;
    return env;
  }

  function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve, reject) => {
      const child = spawn("npx", ["tsx", "scripts/rotate-keys.ts", ...args], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      child.on("error", reject);
      child.on("close", (code) => resolve({ code, stdout, stderr }));
    });
  }

  beforeAll(async () => {
    database = await createTestDatabase("sqlite");
    dataDir = mkdtempSync(path.join(tmpdir(), "latchkey-data-"));
  });

  afterAll(async () => {
    await database?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it("--new-key adds a key to the key file (0600) and re-encrypts stored values with it", async () => {
    const { db } = database;
    const original = loadConfig(commandEnv(), () => {}).keyRing;
    const keyFile = path.join(dataDir, ENCRYPTION_KEY_FILE);
    const oldId = original.currentId;
    const oldKey = original.keys.get(oldId)!;
    await db.connector.create({
      data: {
        id: "cli-1",
        name: "CLI connector",
        grantType: "client_credentials",
        tokenUrl: "https://vendor.example/token",
        clientId: "cli",
        clientSecretEnc: sealField(original, "Connector.clientSecret", "cli-1", "cli-secret"),
      },
    });

    const result = await run(["--new-key"], commandEnv());
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);

    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const ring = parseKeyRing(readFileSync(keyFile, "utf8"));
    expect(ring.keys.size).toBe(2);
    expect(ring.currentId).not.toBe(oldId);
    expect([...ring.keys.keys()]).toEqual([ring.currentId, oldId]);
    expect(ring.keys.get(oldId)).toEqual(oldKey);
    // No temporary file left behind.
    expect(readdirSync(dataDir).sort()).toEqual(["auth-secret", ENCRYPTION_KEY_FILE]);

    const stored = (await readSealed(db, "Connector.clientSecret", "cli-1"))!;
    expect(sealedKeyId(stored)).toBe(ring.currentId);
    const newKeyOnly: KeyRing = { currentId: ring.currentId, keys: new Map([[ring.currentId, ring.keys.get(ring.currentId)!]]) };
    expect(unsealField(newKeyOnly, "Connector.clientSecret", "cli-1", stored)).toBe("cli-secret");

    expect(result.stdout).toMatch(/Connector\.clientSecretEnc\s+1\s+1\s+0\s+0/);
    for (const key of ring.keys.values()) {
      expect(result.stdout).not.toContain(key.toString("base64"));
      expect(result.stdout).not.toContain(key.toString("base64").slice(0, 16));
    }
  });

  it("--new-key with LATCHKEY_ENCRYPTION_KEYS prints a new entry to add decrypt-only and changes nothing", async () => {
    const { db } = database;
    const keyFile = path.join(dataDir, ENCRYPTION_KEY_FILE);
    const fileBefore = readFileSync(keyFile, "utf8");
    const storedBefore = await readSealed(db, "Connector.clientSecret", "cli-1");
    const configured = fileBefore.trim().split("\n").join(",");

    const result = await run(["--new-key"], commandEnv({ LATCHKEY_ENCRYPTION_KEYS: configured }));
    expect(result.code).toBe(0);
    const printed = result.stdout.match(/^\s+([A-Za-z0-9_-]+:[A-Za-z0-9+/=]+)$/m)?.[1];
    expect(printed).toBeDefined();
    const printedRing = parseKeyRing(printed!);
    expect(parseKeyRing(configured).keys.has(printedRing.currentId)).toBe(false);
    expect(result.stdout).toMatch(/LAST in LATCHKEY_ENCRYPTION_KEYS/);
    expect(result.stdout).toContain(`npm run keys:rotate -- --promote ${printedRing.currentId}`);
    for (const key of parseKeyRing(configured).keys.values()) expect(result.stdout).not.toContain(key.toString("base64"));

    expect(readFileSync(keyFile, "utf8")).toBe(fileBefore);
    expect(await readSealed(db, "Connector.clientSecret", "cli-1")).toBe(storedBefore);
  });

  it("rotates to the first key without --new-key", async () => {
    const result = await run([], commandEnv());
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Connector\.clientSecretEnc\s+1\s+0\s+1\s+0/);
  });

  it("seals secret extras the issue-12 migration left in plain text before rotating (SECURITY 42)", async () => {
    const { db } = database;
    const ring = loadConfig(commandEnv(), () => {}).keyRing;
    // As the migration leaves a row it marked secret: the flag set, the value still in plain text.
    await db.connectorExtra.create({
      data: { id: "cli-x", connectorId: "cli-1", request: "token", kind: "header", position: 0, name: "X-Api-Key", value: "plain-api-key", secret: true },
    });

    const result = await run([], commandEnv());
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Sealed 1 secret extra value(s) that were stored in plain text.");
    expect(result.stdout).toMatch(/ConnectorExtra\.valueEnc\s+1\s+0\s+1\s+0/);
    expect(result.stdout).not.toContain("plain-api-key");
    const row = await db.connectorExtra.findUniqueOrThrow({ where: { id: "cli-x" } });
    expect(row.value).toBe("");
    expect(sealedKeyId(row.valueEnc!)).toBe(ring.currentId);
    expect(unsealField(ring, "ConnectorExtra.value", "cli-x", row.valueEnc!)).toBe("plain-api-key");

    const again = await run([], commandEnv());
    expect(again.code).toBe(0);
    expect(again.stdout).not.toContain("Sealed");
  });

  it("reports a configuration error on one line and exits 1", async () => {
    const result = await run([], commandEnv({ DATABASE_URL: "mysql://db.example/latchkey" }));
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr.trim()).toBe("DATABASE_URL: must start with file: (SQLite) or postgresql:// (PostgreSQL)");
  });
});
