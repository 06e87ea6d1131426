/**
 * Vendor-written prose from the redirect back (`error`, `error_description`): redacted, opaque
 * credentials included, at most 300 characters, and in bounded time whatever its size.
 */
import { describe, expect, it } from "vitest";
import { vendorProse } from "@/lib/oauth/vendor-text";

describe("vendorProse", () => {
  it("redacts opaque tokens, JWTs and the given secrets, keeping prose, links and full stops", () => {
    const text = "Refused: token ya29.a0AfH6SMBx3kZ9q7LmN2pQ8rT1vW4yZ6 for app s3cr3t-value. See https://vendor.example.com/docs/errors/consent.";
    expect(vendorProse(text, ["s3cr3t-value"])).toBe("Refused: token [redacted] for app [redacted]. See https://vendor.example.com/docs/errors/consent.");
  });

  it("keeps at most the given length and returns null for nothing", () => {
    expect(vendorProse("denied ".repeat(100), [])!.length).toBeLessThanOrEqual(300);
    expect(vendorProse("access_denied extra words", [], 13)).toBe("access_denie…");
    expect(vendorProse("   ", [])).toBeNull();
  });

  it("handles 1 MiB of adversarial text in well under a second each", () => {
    const MiB = 1024 * 1024;
    for (const text of ["a1".repeat(MiB / 2), "a1b2c3d4e5f6g7h8i9j0k1l ".repeat(MiB / 24), "eyJ".repeat(MiB / 3), `${"x ".repeat(MiB / 2)}secret`]) {
      const started = performance.now();
      const out = vendorProse(text, ["secret"]);
      expect(performance.now() - started).toBeLessThan(250);
      expect(out === null || out.length <= 300).toBe(true);
      expect(out ?? "").not.toMatch(/a1a1a1a1|eyJeyJ/);
    }
  });
});
