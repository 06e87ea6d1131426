import { beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "../support/databases";
import { listConnectorEvents, refreshStats } from "@/lib/history/queries";

const now = new Date("2026-11-29T12:00:00Z");
const at = (daysAgo: number, minutes = 0) => new Date(now.getTime() - daysAgo * 86_400_000 + minutes * 60_000);
const JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl";

describeEachDatabase("connector history", (ctx) => {
  beforeAll(async () => {
    const { db } = ctx();
    await db.connector.create({ data: { id: "c1", name: "History CRM", grantType: "authorization_code", tokenUrl: "https://v.example/token", clientId: "c" } });
    const events: [string, Date, Partial<{ outcome: string; errorCode: string; detail: Record<string, unknown>; actorLabel: string }>][] = [
      ["connector.created", at(40), {}],
      ["token.authorized", at(40, 1), { detail: { refreshTokenReturned: true } }],
      ["token.refreshed", at(2), { actorLabel: "system" }],
      ["token.refreshed", at(2, 60), { actorLabel: "system" }],
      [
        "token.refreshed_failed",
        at(1),
        {
          outcome: "failure",
          errorCode: "invalid_grant",
          detail: { message: "The vendor rejected the refresh token.", excerpt: `{"error":"invalid_grant","id_token":"${JWT}"}` },
        },
      ],
      ["connector.updated", at(0, -30), { detail: { changed: ["tokenUrl", "scopes"] } }],
      ["token.authorized", at(0, -20), {}],
      ["connector.disconnected", at(0, -10), { detail: { revocation: "revoked" } }],
      ["token.refreshed", at(45), { actorLabel: "system" }],
    ];
    await db.event.createMany({
      data: events.map(([type, createdAt, extra], i) => ({
        id: `e${String(i).padStart(2, "0")}`,
        connectorId: "c1",
        type,
        createdAt,
        actorLabel: extra.actorLabel ?? "admin@example.com",
        outcome: extra.outcome ?? "success",
        errorCode: extra.errorCode ?? null,
        detail: JSON.stringify(extra.detail ?? {}),
      })),
    });
  });

  it("lists events newest first with labels, who, error class and a redacted excerpt", async () => {
    const events = await listConnectorEvents(ctx().db, "c1", { limit: 50 });
    expect(events.map((e) => e.label)).toEqual([
      "Disconnected",
      "Re-authorized",
      "Edited",
      "Refresh failed",
      "Refreshed",
      "Refreshed",
      "Authorized",
      "Created",
      "Refreshed",
    ]);
    const failed = events.find((e) => e.type === "token.refreshed_failed")!;
    expect(failed).toMatchObject({
      outcome: "failure",
      errorCode: "invalid_grant",
      summary: "The vendor rejected the refresh token.",
      actor: "admin@example.com",
    });
    expect(failed.excerpt).toContain("invalid_grant");
    expect(failed.excerpt).not.toContain(JWT);
    expect(events.find((e) => e.type === "connector.updated")?.summary).toBe("Changed: tokenUrl, scopes");
    expect(events.find((e) => e.type === "connector.disconnected")?.summary).toMatch(/revoked at the vendor/);
  });

  it("pages with a cursor, without gaps or repeats", async () => {
    const { db } = ctx();
    const all = await listConnectorEvents(db, "c1", { limit: 50 });
    const first = await listConnectorEvents(db, "c1", { limit: 4 });
    const second = await listConnectorEvents(db, "c1", { limit: 4, before: first.at(-1)!.id });
    const third = await listConnectorEvents(db, "c1", { limit: 4, before: second.at(-1)!.id });
    expect([...first, ...second, ...third].map((e) => e.id)).toEqual(all.map((e) => e.id));
  });

  it("counts refresh successes and failures per UTC day for the last 30 days", async () => {
    const stats = await refreshStats(ctx().db, "c1", now);
    expect(stats.days).toHaveLength(30);
    expect(stats.days.at(-1)!.date).toBe("2026-11-29");
    expect(stats.days[0]!.date).toBe("2026-10-31");
    expect(stats.days.find((d) => d.date === "2026-11-27")).toEqual({ date: "2026-11-27", successes: 2, failures: 0 });
    expect(stats.days.find((d) => d.date === "2026-11-28")).toEqual({ date: "2026-11-28", successes: 0, failures: 1 });
    expect({ successes: stats.successes, failures: stats.failures }).toEqual({ successes: 2, failures: 1 });
  });
});
