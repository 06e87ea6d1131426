/**
 * SECURITY 40: RFC 9207 on the redirect back. The test vendor is the real oidc-provider, which
 * advertises `authorization_response_iss_parameter_supported` and sends `iss` with every
 * authorization response; the redirect it produces is then delivered as is, with a wrong `iss`,
 * or without one.
 *
 * For a connector with an issuer, a wrong `iss` (or two of them) is refused before anything else
 * of the response is used: no token request reaches the vendor, no token is stored, and the
 * refusal is an `authorization.rejected` event. A missing `iss` is refused when the connector
 * requires it, accepted otherwise; the right one is authorized.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "../support/databases";
import { adminActor, makeConnector, REDIRECT_URI, testConfig } from "../support/token-fixtures";
import { startTestVendor, type TestVendor } from "@/e2e/vendor/test-vendor";
import { followToRedirectUri } from "@/e2e/vendor/browserless-authorization";
import type { Db } from "@/lib/db";
import { completeAuthorization, startAuthorization, type AuthorizingSession } from "@/lib/authorization/service";

const config = testConfig();
let vendor: TestVendor;

beforeAll(async () => {
  vendor = await startTestVendor({ autoApprove: true, redirectUris: [REDIRECT_URI] });
});
afterAll(async () => {
  await vendor?.close();
});

async function connector(db: Db, values: { issuerUrl?: string; requireIss?: boolean }): Promise<string> {
  return makeConnector(db, config, {
    authUrl: vendor.authorizationEndpoint,
    tokenUrl: vendor.tokenEndpoint,
    clientId: vendor.clients.authCode.id,
    clientSecret: vendor.clients.authCode.secret,
    scopes: ["openid", "read:items"],
    ...values,
  });
}

/** The vendor's real redirect back for a fresh authorization of `connectorId`. */
async function redirectBack(db: Db, connectorId: string): Promise<{ session: AuthorizingSession; query: URLSearchParams }> {
  const session = { actor: await adminActor(db), sessionId: `session-${connectorId}` };
  const redirect = await followToRedirectUri(await startAuthorization(db, config, session, connectorId), { redirectUri: REDIRECT_URI });
  return { session, query: redirect.searchParams };
}

async function storedNothing(db: Db, connectorId: string): Promise<void> {
  expect(await db.token.count({ where: { connectorId } })).toBe(0);
  expect(await db.event.count({ where: { connectorId, type: { in: ["token.authorized", "authorization.failed"] } } })).toBe(0);
}

async function rejectionsOf(db: Db, connectorId: string) {
  const rows = await db.event.findMany({ where: { connectorId, type: "authorization.rejected" } });
  return rows.map((row) => ({ errorCode: row.errorCode, outcome: row.outcome, detail: JSON.parse(row.detail) as unknown }));
}

describeEachDatabase("RFC 9207 iss on the redirect back", (ctx) => {
  it("the test vendor sends iss: its issuer, exactly", async () => {
    const { db } = ctx();
    const id = await connector(db, { issuerUrl: vendor.issuer, requireIss: true });
    const { query } = await redirectBack(db, id);
    expect(query.getAll("iss")).toEqual([vendor.issuer]);
    expect(query.get("code")).toBeTruthy();
  });

  it("the right iss is authorized and the token stored", async () => {
    const { db } = ctx();
    const id = await connector(db, { issuerUrl: vendor.issuer, requireIss: true });
    const { session, query } = await redirectBack(db, id);
    expect(await completeAuthorization(db, config, session, query)).toMatchObject({ kind: "authorized", connectorId: id });
    expect(await db.token.count({ where: { connectorId: id, accessTokenEnc: { not: null } } })).toBe(1);
  });

  it("a wrong iss is refused: no token request is sent, nothing is stored, the refusal is recorded", async () => {
    const { db } = ctx();
    const id = await connector(db, { issuerUrl: vendor.issuer, requireIss: false });
    for (const [tamper, expected] of [
      [(q: URLSearchParams) => q.set("iss", "https://evil.example.net"), 1],
      [(q: URLSearchParams) => q.set("iss", `${vendor.issuer}/`), 2],
      [(q: URLSearchParams) => q.append("iss", "https://evil.example.net"), 3],
    ] as const) {
      const { session, query } = await redirectBack(db, id);
      tamper(query);
      const tokenRequests = vendor.tokenRequests().length;
      expect(await completeAuthorization(db, config, session, query)).toEqual({ kind: "rejected", reason: "issuer_mismatch" });
      expect(vendor.tokenRequests().length).toBe(tokenRequests);
      await storedNothing(db, id);
      expect(await rejectionsOf(db, id)).toHaveLength(expected);
    }
    expect((await rejectionsOf(db, id))[0]).toEqual({ errorCode: "issuer_mismatch", outcome: "failure", detail: { reason: "issuer_mismatch" } });
  });

  it("a wrong iss on an error response is refused too, before the vendor's error is recorded", async () => {
    const { db } = ctx();
    const id = await connector(db, { issuerUrl: vendor.issuer });
    const { session, query } = await redirectBack(db, id);
    const forged = new URLSearchParams({ state: query.get("state")!, error: "access_denied", iss: "https://evil.example.net" });
    expect(await completeAuthorization(db, config, session, forged)).toEqual({ kind: "rejected", reason: "issuer_mismatch" });
    await storedNothing(db, id);
  });

  it("a missing iss is refused when the connector requires it, with nothing stored and no token request", async () => {
    const { db } = ctx();
    const id = await connector(db, { issuerUrl: vendor.issuer, requireIss: true });
    const { session, query } = await redirectBack(db, id);
    query.delete("iss");
    const tokenRequests = vendor.tokenRequests().length;
    expect(await completeAuthorization(db, config, session, query)).toEqual({ kind: "rejected", reason: "issuer_missing" });
    expect(vendor.tokenRequests().length).toBe(tokenRequests);
    await storedNothing(db, id);
    expect(await rejectionsOf(db, id)).toEqual([{ errorCode: "issuer_missing", outcome: "failure", detail: { reason: "issuer_missing" } }]);
  });

  it("a missing iss is accepted when not required; a connector without an issuer ignores iss", async () => {
    const { db } = ctx();
    const optional = await connector(db, { issuerUrl: vendor.issuer, requireIss: false });
    const first = await redirectBack(db, optional);
    first.query.delete("iss");
    expect(await completeAuthorization(db, config, first.session, first.query)).toMatchObject({ kind: "authorized" });

    const noIssuer = await connector(db, {});
    const second = await redirectBack(db, noIssuer);
    second.query.set("iss", "https://anything.example.net");
    expect(await completeAuthorization(db, config, second.session, second.query)).toMatchObject({ kind: "authorized" });
  });
});
