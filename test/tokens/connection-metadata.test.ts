/**
 * Picking connection metadata out of a stored Token.extra (lib/tokens/connection-metadata.ts):
 * token-response fields by dotted path, redirect parameters from `redirectParams`, plain values
 * only, missing ones left out.
 */
import { describe, expect, it } from "vitest";
import { connectionMetadata, metadataEntries, parseTokenExtra, type MetadataFieldSpec } from "@/lib/tokens/connection-metadata";

const token = (name: string, sensitive = false): MetadataFieldSpec => ({ source: "token", name, sensitive });
const redirect = (name: string, sensitive = false): MetadataFieldSpec => ({ source: "redirect", name, sensitive });

/** What Latchkey keeps for a Salesforce-like token response plus a QuickBooks-like redirect. */
const EXTRA = {
  instance_url: "https://acme.my.salesforce.com",
  id: "https://login.salesforce.com/id/00D/005",
  issued_at: 1_700_000_000_000,
  is_sandbox: false,
  team: { id: "T9TK3CUKW", name: "Acme" },
  authed_user: { id: "U1234", scope: "chat:write" },
  scopes: ["a", "b"],
  nothing: null,
  redirectParams: { realmId: "4620816365", state_hint: "x" },
};

describe("connectionMetadata", () => {
  it("picks top-level and nested token fields and redirect parameters", () => {
    const fields = [token("instance_url"), token("team.id"), token("authed_user.id", true), token("issued_at"), token("is_sandbox"), redirect("realmId")];
    expect(connectionMetadata(EXTRA, fields)).toEqual({
      instance_url: "https://acme.my.salesforce.com",
      "team.id": "T9TK3CUKW",
      "authed_user.id": "U1234",
      issued_at: 1_700_000_000_000,
      is_sandbox: false,
      realmId: "4620816365",
    });
  });

  it("leaves out missing fields, objects, arrays and nulls", () => {
    const fields = [token("team"), token("scopes"), token("nothing"), token("absent"), token("team.absent"), token("instance_url.deeper"), redirect("absent")];
    expect(connectionMetadata(EXTRA, fields)).toEqual({});
    expect(connectionMetadata({}, [token("instance_url"), redirect("realmId")])).toEqual({});
    expect(connectionMetadata({ redirectParams: "not an object" }, [redirect("realmId")])).toEqual({});
  });

  it("keeps the sources apart: a redirect field is not read from the token response, nor the reverse", () => {
    expect(connectionMetadata({ realmId: "from-token" }, [redirect("realmId")])).toEqual({});
    expect(connectionMetadata({ redirectParams: { instance_url: "https://x.example" } }, [token("instance_url")])).toEqual({});
    // "redirectParams.realmId" as a token field would reach into the redirect's storage: redirect fields are not dotted paths.
    expect(connectionMetadata(EXTRA, [redirect("redirectParams.realmId")])).toEqual({});
  });

  it("never reads inherited properties", () => {
    const fields = [token("constructor"), token("__proto__"), token("toString"), token("team.constructor"), redirect("hasOwnProperty")];
    expect(connectionMetadata(EXTRA, fields)).toEqual({});
  });

  it("drops non-finite numbers", () => {
    expect(connectionMetadata({ a: Number.NaN, b: Number.POSITIVE_INFINITY, c: 0 }, [token("a"), token("b"), token("c")])).toEqual({ c: 0 });
  });

  it("takes the first listed field with a value when both sources name the same field", () => {
    const extra = { realmId: "token-value", redirectParams: { realmId: "redirect-value" } };
    expect(connectionMetadata(extra, [redirect("realmId"), token("realmId")])).toEqual({ realmId: "redirect-value" });
    expect(connectionMetadata({ redirectParams: { realmId: "redirect-value" } }, [token("realmId"), redirect("realmId")])).toEqual({
      realmId: "redirect-value",
    });
  });
});

describe("metadataEntries", () => {
  it("lists every configured field in order, with null for the ones not sent, and keeps the sensitive mark", () => {
    expect(metadataEntries(EXTRA, [redirect("realmId", true), token("absent"), token("instance_url")])).toEqual([
      { source: "redirect", name: "realmId", sensitive: true, value: "4620816365" },
      { source: "token", name: "absent", sensitive: false, value: null },
      { source: "token", name: "instance_url", sensitive: false, value: "https://acme.my.salesforce.com" },
    ]);
  });
});

describe("parseTokenExtra", () => {
  it("reads stored JSON objects and treats anything else as empty", () => {
    expect(parseTokenExtra('{"instance_url":"https://x.example"}')).toEqual({ instance_url: "https://x.example" });
    for (const stored of [null, undefined, "", "not json", "[1,2]", "null", '"text"']) expect(parseTokenExtra(stored)).toEqual({});
  });
});
