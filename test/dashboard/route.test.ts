/**
 * GET /api/dashboard, the route the dashboard polls: it answers only with a session, never
 * caches, and its JSON carries no token, secret or ciphertext (SECURITY 10, 11, 17).
 */
import { beforeAll, beforeEach, expect, it, vi } from "vitest";
import { describeEachDatabase } from "../support/databases";
import type { Db } from "@/lib/db";
import { DomainError, SIGN_IN_REQUIRED } from "@/lib/errors";

const current = vi.hoisted(() => ({ db: null as Db | null, signedIn: true }));

vi.mock("@/lib/db", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/db")>()),
  getDb: () => current.db,
}));
vi.mock("@/lib/auth/session", () => ({
  requireSession: async () => {
    if (!current.signedIn) throw new DomainError("UNAUTHENTICATED", SIGN_IN_REQUIRED);
    return { user: { id: "u1", email: "viewer@example.com", role: "viewer" }, sessionId: "s1", actor: { userId: "u1", label: "viewer@example.com" } };
  },
}));

const { GET } = await import("@/app/api/dashboard/route");

const SECRETS = [
  "ACCESS-TOKEN-PLAINTEXT-1",
  "REFRESH-TOKEN-PLAINTEXT-1",
  "CLIENT-SECRET-PLAINTEXT-1",
  "v1.k1.sealed-access",
  "v1.k1.sealed-refresh",
  "v1.k1.sealed-secret",
];
const FORBIDDEN_KEYS = /accessToken|refreshToken|clientSecret|Enc$|secret|^extra$|^token$|tokenType|lease|version/i;

function keysOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(keysOf);
  if (value && typeof value === "object") return Object.entries(value).flatMap(([key, inner]) => [key, ...keysOf(inner)]);
  return [];
}

const call = (query = "") => GET(new Request(`http://localhost/api/dashboard${query}`), {});

describeEachDatabase("GET /api/dashboard", (ctx) => {
  beforeAll(async () => {
    const { db } = ctx();
    const future = new Date(Date.now() + 3600_000);
    await db.connector.create({
      data: {
        id: "c1",
        name: "Secretive CRM",
        grantType: "authorization_code",
        authUrl: "https://auth.vendor.example/authorize",
        tokenUrl: "https://auth.vendor.example/token",
        clientId: "client-1",
        clientSecretEnc: "v1.k1.sealed-secret CLIENT-SECRET-PLAINTEXT-1",
        token: {
          create: {
            id: "t1",
            accessTokenEnc: "v1.k1.sealed-access ACCESS-TOKEN-PLAINTEXT-1",
            refreshTokenEnc: "v1.k1.sealed-refresh REFRESH-TOKEN-PLAINTEXT-1",
            expiresAt: future,
            refreshDueAt: new Date(future.getTime() - 600_000),
            grantedScopes: JSON.stringify(["read:items"]),
            extra: JSON.stringify({ id_token: "ID-TOKEN-PLAINTEXT", instance_url: "https://x.example" }),
            lastRefreshedAt: new Date(),
          },
        },
      },
    });
  });
  beforeEach(() => {
    current.db = ctx().db;
    current.signedIn = true;
  });

  it("answers 401 without a session", async () => {
    current.signedIn = false;
    expect((await call()).status).toBe(401);
  });

  it("returns the rows and counts, uncached, with no secret field or value", async () => {
    const response = await call("?status=active&q=secretive");
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const text = await response.text();
    const body = JSON.parse(text) as { rows: { name: string; status: string; grantedScopes: string[] }[]; counts: Record<string, number> };
    expect(body.rows).toMatchObject([{ name: "Secretive CRM", status: "active", grantedScopes: ["read:items"] }]);
    expect(body.counts.active).toBe(1);
    for (const secret of [...SECRETS, "ID-TOKEN-PLAINTEXT", "instance_url"]) expect(text).not.toContain(secret);
    expect(keysOf(body).filter((key) => FORBIDDEN_KEYS.test(key))).toEqual([]);
  });

  it("falls back to defaults for bad parameters instead of failing", async () => {
    const response = await call("?status=bogus&grant=password&sort=drop%20table&page=-4");
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ page: 1, matching: 1 });
  });
});
