/**
 * API keys: format, storage as a hash only, shown once, revocation, last-use bookkeeping at most
 * once a minute, and the Bearer header parsing.
 */
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { describeEachDatabase } from "../support/databases";
import { bearerCredential, generateApiKey, hashApiKey } from "@/lib/api-keys/key-format";
import { authenticateApiKey, createApiKey, listApiKeys, revokeApiKey } from "@/lib/api-keys/service";
import { DomainError } from "@/lib/errors";
import { admin, connectorWithToken } from "./support/fixtures";

describe("key format", () => {
  it("is lk_<8 hex>_<43 base64url> and hashes the whole key with SHA-256", () => {
    const generated = generateApiKey();
    expect(generated.key).toMatch(/^lk_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/);
    expect(generated.key.slice(3, 11)).toBe(generated.prefix);
    expect(generated.keyHash).toBe(createHash("sha256").update(generated.key).digest("hex"));
    expect(generateApiKey().key).not.toBe(generated.key);
  });

  it("reads Authorization: Bearer <key> and nothing else", () => {
    const { key } = generateApiKey();
    expect(bearerCredential(`Bearer ${key}`)).toEqual({ kind: "key", key });
    expect(bearerCredential(`bearer ${key}`)).toEqual({ kind: "key", key });
    expect(bearerCredential(null)).toEqual({ kind: "missing" });
    expect(bearerCredential("")).toEqual({ kind: "missing" });
    for (const bad of [key, `Basic ${key}`, `Bearer ${key}x`, `Bearer ${key} extra`, "Bearer lk_short", `Bearer  `])
      expect(bearerCredential(bad).kind, bad).toBe("malformed");
  });
});

describeEachDatabase("API keys", (ctx) => {
  it("stores only the hash, lists without secrets, and records events without the key", async () => {
    const { db } = ctx();
    const actor = await admin(db);
    const { id: connectorId } = await connectorWithToken(db, { apiBaseUrl: "http://127.0.0.1:9" });
    const created = await createApiKey(db, actor, { name: "Billing sync", connectorId });
    const row = await db.apiKey.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.keyHash).toBe(hashApiKey(created.key));
    expect(JSON.stringify(row)).not.toContain(created.key.slice(12));
    expect(row).toMatchObject({ name: "Billing sync", prefix: created.prefix, connectorId, createdById: actor.userId, lastUsedAt: null, revokedAt: null });

    const listed = (await listApiKeys(db)).find((k) => k.id === created.id);
    expect(listed).toMatchObject({ name: "Billing sync", prefix: `lk_${created.prefix}_…`, connector: { id: connectorId }, createdBy: actor.label });
    expect(Object.keys(listed!)).not.toContain("keyHash");
    const events = await db.event.findMany({ where: { type: "api_key.created" } });
    expect(events.length).toBeGreaterThan(0);
    expect(JSON.stringify(events)).not.toContain(created.key);

    await expect(createApiKey(db, actor, { name: "Ghost", connectorId: "no-such-connector" })).rejects.toBeInstanceOf(DomainError);
  });

  it("authenticates a live key, refuses unknown and revoked ones, and writes lastUsedAt at most once a minute", async () => {
    const { db } = ctx();
    const actor = await admin(db);
    const created = await createApiKey(db, actor, { name: "Worker", connectorId: "" });
    const t0 = new Date();
    expect(await authenticateApiKey(db, created.key, t0)).toMatchObject({
      id: created.id,
      name: "Worker",
      connectorId: null,
      actor: { userId: null, label: "api-key:Worker" },
    });
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: created.id } })).lastUsedAt?.getTime()).toBe(t0.getTime());

    await authenticateApiKey(db, created.key, new Date(t0.getTime() + 30_000));
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: created.id } })).lastUsedAt?.getTime()).toBe(t0.getTime());
    const later = new Date(t0.getTime() + 61_000);
    await authenticateApiKey(db, created.key, later);
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: created.id } })).lastUsedAt?.getTime()).toBe(later.getTime());

    expect(await authenticateApiKey(db, generateApiKey().key)).toBeNull();
    await revokeApiKey(db, actor, created.id);
    await revokeApiKey(db, actor, created.id); // idempotent
    expect(await authenticateApiKey(db, created.key)).toBeNull();
    expect((await listApiKeys(db)).find((k) => k.id === created.id)?.revokedAt).toBeInstanceOf(Date);
    expect(await db.event.count({ where: { type: "api_key.revoked" } })).toBe(1);
  });
});
