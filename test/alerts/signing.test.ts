import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { alertEventFor } from "@/lib/tokens/status-alerts";
import { alertWebhookSchema } from "@/lib/alerts/schema";
import { newSigningSecret, signatureOf, signedHeaders } from "@/lib/alerts/signing";

describe("alert transitions", () => {
  it.each([
    ["active", "needs_reauth", "connector.needs_reauth"],
    ["refresh_failing", "needs_reauth", "connector.needs_reauth"],
    [null, "needs_reauth", "connector.needs_reauth"],
    ["active", "refresh_failing", "connector.refresh_failing"],
    ["refresh_failing", "active", "connector.recovered"],
    ["needs_reauth", "active", "connector.recovered"],
    ["active", "check_client", "connector.check_client_credentials"],
    ["check_client", "refresh_failing", "connector.refresh_failing"],
    ["check_client", "active", "connector.recovered"],
    ["check_client", "check_client", null],
    ["refresh_failing", "refresh_failing", null],
    ["needs_reauth", "needs_reauth", null],
    ["active", "active", null],
    [null, "active", null],
    ["active", "error", null],
    ["error", "active", null],
  ])("%s → %s: %s", (previous, next, expected) => {
    expect(alertEventFor(previous, next)).toBe(expected);
  });
});

describe("alert signatures", () => {
  it("signs '<timestamp>.<body>' with HMAC-SHA256 of the secret, as v1=<hex>", () => {
    const secret = newSigningSecret();
    expect(secret).toMatch(/^lkwh_[A-Za-z0-9_-]{43}$/);
    expect(newSigningSecret()).not.toBe(secret);
    const body = '{"event":"connector.recovered"}';
    const at = new Date("2026-11-29T12:00:00.750Z");
    const seconds = String(Math.floor(at.getTime() / 1000));
    const headers = signedHeaders(secret, body, at);
    expect(headers["x-latchkey-timestamp"]).toBe(seconds);
    expect(headers["content-type"]).toBe("application/json");
    const expected = createHmac("sha256", secret).update(`${seconds}.${body}`).digest("hex");
    expect(headers["x-latchkey-signature"]).toBe(`v1=${expected}`);
    expect(signatureOf(secret, seconds, `${body} `)).not.toBe(headers["x-latchkey-signature"]);
  });

  it("accepts webhook URLs like vendor URLs: https only unless loopback is allowed", () => {
    const strict = alertWebhookSchema({ allowLoopback: false });
    expect(strict.safeParse({ url: "https://alerts.example.com/hook" }).success).toBe(true);
    expect(strict.safeParse({ url: "http://alerts.example.com/hook" }).success).toBe(false);
    expect(strict.safeParse({ url: "https://127.0.0.1/hook" }).success).toBe(false);
    expect(strict.safeParse({ url: "" }).success).toBe(false);
    expect(alertWebhookSchema({ allowLoopback: true }).safeParse({ url: "http://127.0.0.1:9/hook" }).success).toBe(true);
  });
});
