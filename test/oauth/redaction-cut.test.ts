/**
 * Bodies are cut before they are redacted, to bound the work. A cut can split a secret, and half
 * a secret matches neither the secret nor a credential shape: what the cut may have split is
 * dropped. A JSON value the text ends in is a value all the same.
 */
import { describe, expect, it } from "vitest";
import { cutStart, overlapAtEnd } from "@/lib/oauth/cut-tail";
import { EXCERPT_WINDOW, excerptOf, redact, redactHead } from "@/lib/oauth/redaction";

const TOKEN = "tok-4f9a2c7e1b8d6035";
const JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJlLXBhcnQ";

/** Every piece of `secret` of 6 characters or more that `text` still holds. */
function fragmentsOf(secret: string, text: string): string[] {
  const found: string[] = [];
  for (let start = 0; start + 6 <= secret.length; start++) if (text.includes(secret.slice(start, start + 6))) found.push(secret.slice(start, start + 6));
  return found;
}

describe("a JSON value the body ends in", () => {
  it("is redacted when its name is secret, as in a body cut short by the vendor or by us", () => {
    expect(redact('{"error":"invalid_grant","refresh_token":"rt-partial-9f3c')).toBe('{"error":"invalid_grant","refresh_token":"[redacted]');
    expect(excerptOf('{"access_token": "at-1234\\"567')).toBe('{"access_token": "[redacted]');
    expect(redact('{"error":"x","note":"not secret')).toBe('{"error":"x","note":"not secret');
  });
});

describe("redactHead: cut, then hide what the cut split with the rest", () => {
  it("leaves nothing of a known secret the cut went through, in any spelling", () => {
    for (const secret of [TOKEN, "p@ss word+/=", "ключ-секрет-1"]) {
      const spellings = [secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)];
      for (const spelling of spellings) {
        const text = `error: invalid_client (sent ${spelling}) ${"x".repeat(50)}`;
        for (let max = 20; max < 20 + spelling.length; max++) {
          const { text: shown, truncated } = redactHead(text, max, [secret]);
          expect(truncated).toBe(true);
          expect(fragmentsOf(spelling, shown), `${spelling} cut at ${max}: ${shown}`).toEqual([]);
        }
      }
    }
  });

  it("hides a JWT, a Bearer value or a token cut in half, whose owner it does not know", () => {
    for (const credential of [JWT, `Bearer ${TOKEN}`, `access_token=${TOKEN}`]) {
      const text = `upstream said: ${credential} and more`;
      for (let max = 16; max < 15 + credential.length; max++) {
        const { text: shown } = redactHead(text, max);
        expect(fragmentsOf(credential.replace(/^(Bearer |access_token=)/, ""), shown), `cut at ${max}: ${shown}`).toEqual([]);
      }
    }
  });

  it("keeps the text up to the last word before the cut", () => {
    expect(redactHead('{"items": [{"name": "first"}, {"name": "second item"}]}', 50).text).toBe('{"items": [{"name": "first"}, {"name": "second [redacted]');
    expect(redactHead('{"items": [{"name": "first"}, {"name": "second item"}]}', 40).text).toBe('{"items": [{"name": "first"}, {"name": "');
    expect(redactHead("short", 100)).toEqual({ text: "short", truncated: false });
  });

  it("hides a known secret the cut split even when part of it is part of another match", () => {
    // The Bearer value swallows the start of the cut secret: what redaction leaves of it ("!x") is no prefix of it any more.
    expect(redactHead("sent bearer abc-123456xyz!x!y", 26, ["xyz!x!y"]).text).toBe("sent bearer [redacted]");
    // And the reverse: the cut secret's start is a short Bearer value's end.
    expect(redactHead("sent bearer ab12xyz!x!y", 18, ["xyz!x!y"]).text).toBe("sent bearer [redacted]");
  });

  it("treats text that was cut before it arrived as cut", () => {
    expect(redactHead(`said ${TOKEN.slice(0, 12)}`, 100, [TOKEN], { cut: true })).toEqual({ text: "said [redacted]", truncated: true });
  });

  it("finds the longest prefix of a secret that the text ends with", () => {
    expect(overlapAtEnd("abc tok-4f", TOKEN)).toBe(6);
    expect(overlapAtEnd("aaaa", "aab")).toBe(2);
    expect(overlapAtEnd(`x${TOKEN}`, TOKEN)).toBe(0);
    expect(overlapAtEnd("abc", "")).toBe(0);
    expect(cutStart("sent p@ss wo", ["p@ss word", "wo!"])).toBe(5);
    expect(cutStart('{"a": "xyz-1.2', [])).toBe(7);
    expect(cutStart("a b!c", ["!cd"])).toBe(2);
  });
});

describe("excerptOf cuts after collapsing whitespace", () => {
  it("so a secret after a long run of whitespace is still whole when it is redacted", () => {
    const body = `${" \n".repeat(EXCERPT_WINDOW)}error=invalid_client&client_secret=cs-${"9".repeat(20)} token ${TOKEN}`;
    const excerpt = excerptOf(body, [TOKEN])!;
    expect(excerpt).toBe("error=invalid_client&client_secret=[redacted] token [redacted]");
  });

  it("and redacts a secret holding whitespace however the body spaces it", () => {
    expect(excerptOf("the vendor echoed my  pass\nword here", ["my  pass\nword"])).toBe("the vendor echoed [redacted] here");
  });

  it("and shows at most 300 characters of a body of any size", () => {
    expect(excerptOf(`${"word ".repeat(400_000)}`)!.length).toBe(300);
  });
});
