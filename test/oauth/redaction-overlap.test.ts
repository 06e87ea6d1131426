/**
 * Redaction marks every place a secret may be in the original text and replaces the merged
 * ranges at the end, so what one finder replaces cannot stop another from seeing its match.
 */
import { describe, expect, it } from "vitest";
import { redact } from "@/lib/oauth/redaction";

describe("finders that overlap", () => {
  it("hide a Bearer value whole when it holds a known secret", () => {
    // Replacing the known secret first used to leave "ab-1" and "-yz9" around it.
    expect(redact("sent Bearer ab-1cs-secret-42-yz9 to the API", ["cs-secret-42"])).toBe("sent Bearer [redacted] to the API");
  });

  it("hide a known secret whole when it holds a Bearer phrase", () => {
    expect(redact("secret was 'pw Bearer abc-12345 x'", ["pw Bearer abc-12345 x"])).toBe("secret was '[redacted]'");
  });

  it("hide a known secret whole when it runs past a JSON value", () => {
    expect(redact('{"refresh_token":"rt-1","next":"2"}', ['rt-1","next'])).toBe('{"refresh_token":"[redacted]":"2"}');
  });

  it("hide a JWT whole when a known secret is its signature", () => {
    const jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig-value-1";
    expect(redact(`id_token was ${jwt}.`, ["sig-value-1"])).toBe("id_token was [redacted].");
  });

  it("hide a secret-named form pair inside another pair's value", () => {
    expect(redact("a=x;access_token=at-123&b=2")).toBe("a=x;access_token=[redacted]&b=2");
    expect(redact("next=/cb?code=abc123&x=1")).toBe("next=/cb?code=[redacted]&x=1");
  });

  it("hide every segment of a JWE, and of JWTs that run into each other", () => {
    // The former pattern stopped after three segments and showed the ciphertext and tag.
    expect(redact("token eyJhbGciOiJSU0EtT0FFUCJ9.a2V5a2V5.aXZpdml2.Y2lwaGVydGV4dA.dGFndGFn here")).toBe("token [redacted] here");
    expect(redact("token eyJhbGciOiJkaXIifQ..aXZpdml2.Y2lwaGVydGV4dA.dGFndGFn.")).toBe("token [redacted].");
    expect(redact("eyJAAAA.AAAA.eyJAAAA.AAAA.")).toBe("[redacted].");
  });

  it("find a secret pair after a misread one: the quote that ends a value may open the next name", () => {
    // Found by the token-response fuzzer (seed 3): a cut body that is not quite JSON.
    expect(redact('{"":{":":null},"access_token":"X?~=fZ0ZféeaZ?')).toBe('{"":{":":null},"access_token":"[redacted]');
    expect(redact('{"a":"b","refresh_token":"rt","c":"d"}')).toBe('{"a":"b","refresh_token":"[redacted]","c":"d"}');
  });
});
