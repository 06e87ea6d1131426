/** Extra expiry rules: parsing the form and deciding on status and JSON body. */
import { describe, expect, it } from "vitest";
import { meansExpired, needsBody, rulesFromForm, statusMayMeanExpired } from "@/lib/proxy/expiry-rules";

const parse = (statuses: string, bodyField = "", bodyValues = "") => rulesFromForm({ connectorId: "c", statuses, bodyField, bodyValues });

describe("expiry rules", () => {
  it("401 always means expired; nothing else without rules", () => {
    const none = parse("");
    expect(none.success && meansExpired(none.data, 401, null)).toBe(true);
    expect(none.success && statusMayMeanExpired(none.data, 403)).toBe(false);
  });

  it("an extra status alone, or with a JSON field that must match", () => {
    const status = parse("403, 419");
    expect(status.success && [meansExpired(status.data, 403, null), meansExpired(status.data, 419, "x"), meansExpired(status.data, 404, null)]).toEqual([
      true,
      true,
      false,
    ]);
    const slack = parse("200", "error", "token_expired, invalid_auth");
    if (!slack.success) throw new Error("should parse");
    expect(needsBody(slack.data, 200)).toBe(true);
    expect(meansExpired(slack.data, 200, '{"ok":false,"error":"invalid_auth"}')).toBe(true);
    expect(meansExpired(slack.data, 200, '{"ok":true}')).toBe(false);
    expect(meansExpired(slack.data, 200, "<html>")).toBe(false);
    const nested = parse("403", "error.code", "TOKEN_EXPIRED");
    expect(nested.success && meansExpired(nested.data, 403, '{"error":{"code":"TOKEN_EXPIRED"}}')).toBe(true);
  });

  it("refuses bad statuses, a body field without statuses or values, and odd field paths", () => {
    expect(parse("abc").success).toBe(false);
    expect(parse("700").success).toBe(false);
    expect(parse("", "error", "x").success).toBe(false);
    expect(parse("403", "error", "").success).toBe(false);
    expect(parse("403", "error..code", "x").success).toBe(false);
  });
});
