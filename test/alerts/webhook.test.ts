/**
 * Alerts end to end: a local receiver records what the webhook sends when a connector's stored
 * status changes. Checks the signature with the secret shown once, the transitions (enter
 * refresh failing, recover, enter needs re-authorization), and that no token or secret is sent.
 */
import { createHmac } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { TRANSIENT_FAILURES_BEFORE_FAILING } from "@/lib/tokens/failure-status";
import { describeEachDatabase } from "../support/databases";
import { errorResponse, startScriptedServer, tokenResponse, waitUntil, type ScriptedServer } from "../support/scripted-server";
import { adminActor, dueConnector, testConfig } from "../support/token-fixtures";
import { getAlertWebhookSummary, removeAlertWebhook, saveAlertWebhook } from "@/lib/alerts/service";
import { sendTestAlert } from "@/lib/alerts/notify";
import { notifyStatusChange } from "@/lib/tokens/status-alerts";
import { unsealField } from "@/lib/secrets/sealed-fields";
import { refreshNow } from "@/lib/tokens/service";

const config = testConfig();
let receiver: ScriptedServer;
let vendor: ScriptedServer;

beforeAll(async () => {
  receiver = await startScriptedServer(() => ({ status: 204, body: "" }));
  vendor = await startScriptedServer(() => errorResponse(503, "temporarily_unavailable"));
});
afterAll(async () => {
  await receiver?.close();
  await vendor?.close();
});

describeEachDatabase("alert webhook", (ctx) => {
  it("sends signed messages on entering each failing status and on recovery, without secrets; one transient failure is not news", async () => {
    const { db } = ctx();
    const admin = await adminActor(db);
    receiver.requests.length = 0;
    const { secret } = await saveAlertWebhook(db, config.keyRing, admin, `${receiver.url}/hooks/latchkey`);
    expect(secret).toMatch(/^lkwh_/);
    const stored = await db.alertWebhook.findUniqueOrThrow({ where: { id: "default" } });
    expect(stored.secretEnc).not.toContain(secret!);
    expect(unsealField(config.keyRing, "AlertWebhook.secret", stored.id, stored.secretEnc)).toBe(secret);

    const id = await dueConnector(db, config, vendor.url, { access: "access-before", refresh: "refresh-before" });
    const connector = await db.connector.findUniqueOrThrow({ where: { id } });

    vendor.respondWith(() => errorResponse(503, "temporarily_unavailable"));
    // Transient failures alert only once several come in a row (TRANSIENT_FAILURES_BEFORE_FAILING).
    for (let attempt = 1; attempt < TRANSIENT_FAILURES_BEFORE_FAILING; attempt++) expect((await refreshNow(db, config, admin, id)).ok).toBe(false);
    expect((await refreshNow(db, config, admin, id)).ok).toBe(false);
    await waitUntil(() => receiver.requests.length === 1, "the refresh_failing alert arrived");
    // Still failing: no second alert for the same state.
    expect((await refreshNow(db, config, admin, id)).ok).toBe(false);
    vendor.respondWith(() => tokenResponse("access-after", { refresh_token: "refresh-after" }));
    expect((await refreshNow(db, config, admin, id)).ok).toBe(true);
    await waitUntil(() => receiver.requests.length === 2, "the recovered alert arrived");
    vendor.respondWith(() => errorResponse(401, "invalid_client"));
    expect((await refreshNow(db, config, admin, id)).ok).toBe(false);
    await waitUntil(() => receiver.requests.length === 3, "the check_client alert arrived");
    vendor.respondWith(() => errorResponse(400, "invalid_grant"));
    expect((await refreshNow(db, config, admin, id)).ok).toBe(false);
    await waitUntil(() => receiver.requests.length === 4, "the needs_reauth alert arrived");

    const messages = receiver.requests.map((request) => {
      const timestamp = String(request.headers["x-latchkey-timestamp"]);
      const expected = createHmac("sha256", secret!).update(`${timestamp}.${request.rawBody}`).digest("hex");
      expect(request.headers["content-type"]).toBe("application/json");
      expect(request.headers["x-latchkey-signature"]).toBe(`v1=${expected}`);
      expect(Math.abs(Number(timestamp) - Date.now() / 1000)).toBeLessThan(600);
      for (const value of [secret!, "access-before", "refresh-before", "access-after", "refresh-after", "client-secret-value"])
        expect(request.rawBody).not.toContain(value);
      return JSON.parse(request.rawBody) as Record<string, unknown>;
    });
    expect(messages).toEqual([
      {
        event: "connector.refresh_failing",
        connector: { id, name: connector.name },
        status: "refresh_failing",
        errorCode: "temporarily_unavailable",
        at: expect.any(String),
      },
      { event: "connector.recovered", connector: { id, name: connector.name }, status: "active", errorCode: null, at: expect.any(String) },
      {
        event: "connector.check_client_credentials",
        connector: { id, name: connector.name },
        status: "check_client",
        errorCode: "invalid_client",
        at: expect.any(String),
      },
      { event: "connector.needs_reauth", connector: { id, name: connector.name }, status: "needs_reauth", errorCode: "invalid_grant", at: expect.any(String) },
    ]);
    expect(receiver.requests.map((r) => r.path)).toEqual(Array(4).fill("/hooks/latchkey"));
    await waitUntil(async () => (await db.event.count({ where: { connectorId: id, type: "alert.sent" } })) === 4, "four alert.sent events");
  });

  it("keeps the secret when the URL changes, records failed deliveries, and refuses http:// without the development setting", async () => {
    const { db } = ctx();
    const admin = await adminActor(db);
    await removeAlertWebhook(db, admin);
    expect(await getAlertWebhookSummary(db)).toEqual({ configured: false, host: null, updatedAt: null });
    await expect(sendTestAlert(db, config, admin)).rejects.toThrow(/Save a webhook URL first/);

    const first = await saveAlertWebhook(db, config.keyRing, admin, `${receiver.url}/one`);
    const second = await saveAlertWebhook(db, config.keyRing, admin, `${receiver.url}/two?token=abc`);
    expect(first.secret).toBeTruthy();
    expect(second.secret).toBeNull();
    const summary = await getAlertWebhookSummary(db);
    expect(summary).toMatchObject({ configured: true, host: new URL(receiver.url).host });
    expect(JSON.stringify(summary)).not.toContain("token=abc");

    receiver.respondWith(() => ({ status: 500, body: "nope" }));
    expect(await sendTestAlert(db, config, admin)).toMatchObject({ delivered: false, httpStatus: 500 });
    const failed = await db.event.findFirstOrThrow({ where: { type: "alert.failed" }, orderBy: { createdAt: "desc" } });
    expect(failed).toMatchObject({ errorCode: "http_500", actorLabel: admin.label });
    receiver.respondWith(() => ({ status: 204, body: "" }));
    expect(await sendTestAlert(db, config, admin)).toMatchObject({ delivered: true, httpStatus: 204 });

    const requests = receiver.requests.length;
    const strict = { ...config, devAllowLoopback: false };
    const outcome = await notifyStatusChange(db, strict, { connectorId: "none", previous: "active", next: "needs_reauth", errorCode: "invalid_grant" });
    expect(outcome).toMatchObject({ delivered: false });
    expect(receiver.requests.length).toBe(requests);
    expect(await db.event.findFirstOrThrow({ where: { type: "alert.failed" }, orderBy: { createdAt: "desc" } })).toMatchObject({ errorCode: "bad_scheme" });
  });
});
