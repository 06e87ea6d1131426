/**
 * RFC 9207 §2.4: the redirect's `iss` against the connector's issuer, by simple string comparison.
 */
import { describe, expect, it } from "vitest";
import { checkResponseIssuer } from "@/lib/oauth/response-issuer";

const issuer = "https://login.vendor.example.com";

describe("checkResponseIssuer", () => {
  it("ignores iss when the connector has no issuer", () => {
    expect(checkResponseIssuer({ issuer: null, requireIss: true }, ["https://anything.example"])).toBe("ok");
    expect(checkResponseIssuer({ issuer: "", requireIss: true }, [])).toBe("ok");
  });

  it("accepts the exact issuer and refuses any other spelling", () => {
    expect(checkResponseIssuer({ issuer }, [issuer])).toBe("ok");
    for (const other of [`${issuer}/`, "HTTPS://login.vendor.example.com", "https://evil.example.net", ""]) {
      expect(checkResponseIssuer({ issuer }, [other]), other).toBe("issuer_mismatch");
    }
  });

  it("refuses iss sent twice, even when one of them matches", () => {
    expect(checkResponseIssuer({ issuer }, [issuer, issuer])).toBe("issuer_mismatch");
    expect(checkResponseIssuer({ issuer }, [issuer, "https://evil.example.net"])).toBe("issuer_mismatch");
  });

  it("refuses a missing iss only when the vendor always sends it", () => {
    expect(checkResponseIssuer({ issuer, requireIss: false }, [])).toBe("ok");
    expect(checkResponseIssuer({ issuer, requireIss: true }, [])).toBe("issuer_missing");
  });
});
