/**
 * Issue 10, finding 7: the audit trail also covers the callbacks Latchkey refuses, and what a
 * vendor writes into the redirect is redacted and shortened before it is stored or shown.
 *
 * Every refusal of completeAuthorization (missing, unknown, replayed or expired state, another
 * session, connector changed) leaves exactly one "authorization.rejected" event with the reason,
 * the signed-in admin as actor and the connector when it is known. The vendor's `error` and
 * `error_description` arrive in the redirect's query, which a hostile or careless vendor fills:
 * a JWT, a long opaque token or the client secret in there is stored redacted, at most 300
 * characters. The token endpoint is a real scripted server on 127.0.0.1.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "../support/databases";
import { startScriptedServer, tokenResponse, type ScriptedServer } from "../support/scripted-server";
import { adminActor, makeConnector, testConfig } from "../support/token-fixtures";
import type { Db } from "@/lib/db";
import { completeAuthorization, startAuthorization, type AuthorizingSession } from "@/lib/authorization/service";
import { updateConnector } from "@/lib/connector-admin/service";
import { connectorSchema } from "@/lib/connectors/schema";
import { formValuesOf } from "@/lib/connectors/records";
import { getEventOutcome } from "@/lib/tokens/queries";
import { listConnectorEvents } from "@/lib/history/queries";

const config = testConfig();
const CLIENT_SECRET = "client-secret-value";
let vendor: ScriptedServer;
let issued = 0;

beforeAll(async () => {
  vendor = await startScriptedServer(() => tokenResponse(`access-${++issued}`, { refresh_token: `refresh-${issued}` }));
});
afterAll(async () => {
  await vendor?.close();
});

async function session(db: Db, email = "admin@example.com", sessionId = `session-${email}`): Promise<AuthorizingSession> {
  return { actor: await adminActor(db, email), sessionId };
}

/** Starts an authorization and returns its state, as the vendor's redirect would bring it back. */
async function started(db: Db, who: AuthorizingSession, connectorId: string): Promise<string> {
  const state = new URL(await startAuthorization(db, config, who, connectorId)).searchParams.get("state");
  if (!state) throw new Error("no state in the authorization URL");
  return state;
}

async function rejections(db: Db) {
  const rows = await db.event.findMany({ where: { type: "authorization.rejected" }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  return rows.map((e) => ({
    connectorId: e.connectorId,
    actorId: e.actorId,
    outcome: e.outcome,
    errorCode: e.errorCode,
    detail: JSON.parse(e.detail) as unknown,
  }));
}

describeEachDatabase("callbacks refused and vendor errors, on the audit trail", (ctx) => {
  it("each refusal reason leaves one authorization.rejected event with the reason, the admin and the connector when known", async () => {
    const { db } = ctx();
    await db.event.deleteMany();
    const alice = await session(db, "alice@example.com");
    const bob = await session(db, "bob@example.com");
    const id = await makeConnector(db, config, { tokenUrl: `${vendor.url}/token` });
    const expectOne = async (reason: string, connectorId: string | null, actorId = alice.actor.userId) => {
      const all = await rejections(db);
      expect(all.filter((e) => (e.detail as { reason?: string }).reason === reason)).toEqual([
        { connectorId, actorId, outcome: "failure", errorCode: reason, detail: { reason } },
      ]);
    };

    expect(await completeAuthorization(db, config, alice, new URLSearchParams({ code: "c" }))).toEqual({ kind: "rejected", reason: "missing_state" });
    await expectOne("missing_state", null);

    expect(await completeAuthorization(db, config, alice, new URLSearchParams({ code: "c", state: "made-up" }))).toEqual({
      kind: "rejected",
      reason: "unknown_state",
    });
    await expectOne("unknown_state", null);

    const replayed = await started(db, alice, id);
    expect(await completeAuthorization(db, config, alice, new URLSearchParams({ code: "c", state: replayed }))).toMatchObject({ kind: "authorized" });
    expect(await completeAuthorization(db, config, alice, new URLSearchParams({ code: "c", state: replayed }))).toEqual({
      kind: "rejected",
      reason: "state_used",
    });
    await expectOne("state_used", id);

    const stolen = await started(db, alice, id);
    expect(await completeAuthorization(db, config, bob, new URLSearchParams({ code: "c", state: stolen }))).toEqual({
      kind: "rejected",
      reason: "other_session",
    });
    await expectOne("other_session", id, bob.actor.userId);

    const expired = await started(db, alice, id);
    await db.pendingAuthorization.updateMany({ where: { usedAt: null }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await completeAuthorization(db, config, alice, new URLSearchParams({ code: "c", state: expired }))).toEqual({
      kind: "rejected",
      reason: "state_expired",
    });
    await expectOne("state_expired", id);

    const changed = await started(db, alice, id);
    const row = await db.connector.findUniqueOrThrow({ where: { id }, include: { extras: true } });
    const edited = connectorSchema({ allowLoopback: true }).parse({ ...formValuesOf(row), tokenUrl: `${vendor.url}/v2/token` });
    await updateConnector(db, config, alice.actor, id, edited);
    expect(await completeAuthorization(db, config, alice, new URLSearchParams({ code: "c", state: changed }))).toEqual({
      kind: "rejected",
      reason: "connector_changed",
    });
    await expectOne("connector_changed", id);

    expect(await rejections(db)).toHaveLength(6);
    // The history lists them with a readable line.
    const history = await listConnectorEvents(db, id);
    expect(history.filter((e) => e.type === "authorization.rejected").map((e) => e.label)).toEqual(Array(4).fill("Authorization refused"));
  });

  it("a connector deleted after the authorization started: its state went with it, refused as unknown, the event kept without the connector", async () => {
    const { db } = ctx();
    await db.event.deleteMany({ where: { type: "authorization.rejected" } });
    const alice = await session(db, "alice@example.com");
    const id = await makeConnector(db, config, { tokenUrl: `${vendor.url}/token` });
    const state = await started(db, alice, id);
    // The pending authorization goes with the connector (cascade): the state is unknown by then.
    await db.connector.delete({ where: { id } });
    expect(await completeAuthorization(db, config, alice, new URLSearchParams({ code: "c", state }))).toEqual({ kind: "rejected", reason: "unknown_state" });
    expect(await rejections(db)).toEqual([
      { connectorId: null, actorId: alice.actor.userId, outcome: "failure", errorCode: "unknown_state", detail: { reason: "unknown_state" } },
    ]);
  });

  it("stores the vendor's error and error_description redacted (JWT, long token, client secret) and at most 300 characters, and shows them so", async () => {
    const { db } = ctx();
    const alice = await session(db, "alice@example.com");
    const id = await makeConnector(db, config, { tokenUrl: `${vendor.url}/token`, clientSecret: CLIENT_SECRET });
    const jwt = `eyJhbGciOiJSUzI1NiJ9.${Buffer.from(JSON.stringify({ sub: "user-1", scope: "all" })).toString("base64url")}.c2lnbmF0dXJlLXZhbHVlLWhlcmU`;
    const longToken = "gho_16C7e42F292c6912E7710c838347Ae178B4a";
    const description = `Consent refused for client_secret ${CLIENT_SECRET} with assertion ${jwt} and grant ${longToken}. ${"The admin declined. ".repeat(40)}`;
    const state = await started(db, alice, id);
    const outcome = await completeAuthorization(
      db,
      config,
      alice,
      new URLSearchParams({ state, error: `access_denied ${longToken}`, error_description: description }),
    );
    expect(outcome).toMatchObject({ kind: "vendor_error", connectorId: id });
    if (outcome.kind !== "vendor_error") throw new Error("unreachable");

    const event = await db.event.findUniqueOrThrow({ where: { id: outcome.eventId } });
    const detail = JSON.parse(event.detail) as { vendorError: string; description: string };
    for (const secret of [CLIENT_SECRET, jwt, longToken, "eyJhbGciOiJSUzI1NiJ9", "16C7e42F292c"]) expect(event.detail).not.toContain(secret);
    expect(detail.description).toContain("Consent refused for client_secret [redacted] with assertion [redacted] and grant [redacted].");
    expect(detail.description.length).toBeLessThanOrEqual(300);
    expect(detail.vendorError.length).toBeLessThanOrEqual(100);
    expect(event.errorCode).toBe("invalid_request");

    const shown = await getEventOutcome(db, id, outcome.eventId);
    expect(shown?.description).toBe(detail.description);
    expect(JSON.stringify(shown)).not.toMatch(new RegExp(`${CLIENT_SECRET}|${longToken}|eyJhbGci`));
  });

  it("an older event stored unredacted is redacted when shown", async () => {
    const { db } = ctx();
    const id = await makeConnector(db, config, { tokenUrl: `${vendor.url}/token` });
    const jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl";
    const eventId = `legacy-${id}`;
    await db.event.create({
      data: {
        id: eventId,
        connectorId: id,
        actorLabel: "system",
        type: "authorization.failed",
        outcome: "failure",
        errorCode: "access_denied",
        detail: JSON.stringify({ vendorError: "access_denied", description: `bad ${jwt} ${"x ".repeat(400)}` }),
      },
    });
    const shown = await getEventOutcome(db, id, eventId);
    expect(shown?.description).not.toContain(jwt);
    expect(shown?.description?.length).toBeLessThanOrEqual(300);
  });
});
