/**
 * Property-based: generated proxy paths never reach outside the connector's API Base URL path
 * (SECURITY 16), with and without the connector's "encoded slash" setting. Paths are built from
 * the pieces attackers use (dots, encoded and double-encoded dots and slashes, backslashes,
 * `;` path parameters, Unicode look-alikes, schemes, control characters) mixed with ordinary
 * text, then given to `proxyTarget`, and the URL it returns is read the way vendors' servers may
 * read it: as sent; decoded once; with `;parameters` dropped per segment (Tomcat, Spring);
 * with Unicode folded (NFKC, IDNA's full stops); decoded twice. Every reading must stay under
 * the base path.
 *
 * Reproduce a failure with the seed and path fast-check prints: FC_SEED=… FC_PATH=… npx vitest run <this file>.
 * FC_RUNS=… runs more (or fewer) cases.
 */
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { ApiError } from "@/lib/machine-api/api-error";
import { proxyTarget } from "@/lib/proxy/target";

const RUNS = Number(process.env.FC_RUNS ?? 2_000);
const replay = process.env.FC_SEED ? { seed: Number(process.env.FC_SEED), path: process.env.FC_PATH } : {};

const BASES = [
  "https://api.vendor.example/tenant/v1",
  "https://api.vendor.example/tenant/v1/",
  "https://api.vendor.example",
  "https://api.vendor.example/a/b?fixed=1",
];

/** What attackers put in paths, each one piece; separators are pieces too, so they also land mid-segment. */
const HOSTILE = [
  "..",
  ".",
  "...",
  "..;",
  "..;x=1",
  ".;",
  ";",
  ";v=2",
  "%3b",
  "%3B",
  "%2e",
  "%2E",
  "%2e%2e",
  "%2E%2E",
  ".%2e",
  "%2e.",
  "%252e",
  "%252e%252e",
  "%25",
  "%",
  "%zz",
  "%c0%ae",
  "/",
  "//",
  "%2f",
  "%2F",
  "%252f",
  "%5c",
  "%5C",
  "\\",
  "\u2024",
  "%E2%80%A4",
  "\uFF0E",
  "%EF%BC%8E",
  "\u3002",
  "%E3%80%82",
  "\uFF61",
  "\uFE52",
  "\u2025",
  "\uFF0F",
  "%EF%BC%8F",
  "\uFF3C",
  "\uFF05",
  "%EF%BC%85",
  "https:",
  "//evil.example",
  "evil.example",
  "javascript:",
  "a:b",
  "@",
  "%00",
  "%0a",
  "\t",
  " ",
  "?",
  "#",
];
const piece = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE) },
  { weight: 2, arbitrary: fc.string({ unit: fc.constantFrom(..."abz09-_~!$&'()*+,=:@"), minLength: 1, maxLength: 6 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 3, unit: "grapheme" }).map(encodeURIComponent) },
  { weight: 1, arbitrary: fc.string({ maxLength: 2, unit: "binary" }) },
);
const rawPath = fc.oneof(
  { weight: 4, arbitrary: fc.array(piece, { maxLength: 10 }).map((pieces) => pieces.join("")) },
  { weight: 1, arbitrary: fc.webPath().map((path) => path.replace(/^\//, "")) },
);

const counts = { runs: 0, checks: 0, accepted: { strict: 0, allowing: 0 }, refused: { strict: 0, allowing: 0 } };

function decodedOnce(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    // Servers that meet a broken escape leave it; the next readings then still see the rest.
    return text;
  }
}

/** RFC 3986 §5.2.4 on segments: the segments a server ends up at, or null above the root. */
function resolved(path: string): string[] | null {
  const out: string[] = [];
  for (const segment of path.split("/").slice(1)) {
    if (segment === "..") {
      if (out.length === 0) return null;
      out.pop();
    } else if (segment !== ".") {
      out.push(segment);
    }
  }
  return out;
}

const fold = (text: string) => text.normalize("NFKC").replace(/[\u3002\uFF61]/g, ".");
const dropParameters = (text: string) =>
  text
    .split("/")
    .map((segment) => segment.split(";")[0])
    .join("/");
const backslashes = (text: string) => text.replace(/\\/g, "/");

/** How vendors' servers may read the path they receive. */
const READINGS: Record<string, (pathname: string) => string> = {
  "as sent": (p) => p,
  "decoded once": (p) => backslashes(decodedOnce(p)),
  "path parameters dropped, then decoded": (p) => backslashes(decodedOnce(dropParameters(p))),
  "decoded, then path parameters dropped": (p) => backslashes(dropParameters(decodedOnce(p))),
  "decoded and Unicode folded": (p) => backslashes(dropParameters(fold(decodedOnce(p)))),
  "decoded twice": (p) => backslashes(dropParameters(fold(decodedOnce(decodedOnce(p))))),
};

function expectUnderBase(base: URL, target: URL, rawPath: string): void {
  const baseSegments = resolved(base.pathname)!.filter((segment, at, all) => segment !== "" || at < all.length - 1);
  for (const [reading, read] of Object.entries(READINGS)) {
    const segments = resolved(read(target.pathname));
    const what = `${JSON.stringify(rawPath)} → ${target.href}, read ${reading}`;
    expect(segments, what).not.toBeNull();
    expect(segments!.slice(0, baseSegments.length), what).toEqual(baseSegments);
  }
}

function check(baseText: string, path: string, allowEncodedSlash: boolean): URL | null {
  counts.checks++;
  const setting = allowEncodedSlash ? "allowing" : "strict";
  let target: URL;
  try {
    target = proxyTarget(baseText, path, "q=1", { allowEncodedSlash });
  } catch (error) {
    // Refusing is always safe; anything but a bad_path refusal is a bug.
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe("bad_path");
    counts.refused[setting]++;
    return null;
  }
  counts.accepted[setting]++;
  const base = new URL(baseText);
  expect(target.origin).toBe(base.origin);
  expect(target.username + target.password).toBe("");
  expect(target.search).toBe(`?${[base.search.slice(1), "q=1"].filter(Boolean).join("&")}`);
  expectUnderBase(base, target, path);
  if (!allowEncodedSlash) expect(target.pathname).not.toMatch(/%2f|%5c/i);
  expect(target.pathname).not.toMatch(/%5c|\\/i);
  return target;
}

describe("generated proxy paths", () => {
  afterAll(() => {
    console.info(
      `proxy-paths fuzz: ${counts.runs} runs, ${counts.checks} checks; accepted ${counts.accepted.strict} strict / ${counts.accepted.allowing} with %2F allowed; refused ${counts.refused.strict} / ${counts.refused.allowing}`,
    );
  });

  it(`never leave the API Base URL path, with or without encoded slashes allowed (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(fc.constantFrom(...BASES), rawPath, (base, path) => {
        counts.runs++;
        const strict = check(base, path, false);
        const allowing = check(base, path, true);
        // The setting only ever lets more through, and the same path goes to the same place.
        if (strict) expect(allowing?.href).toBe(strict.href);
      }),
      { numRuns: RUNS, ...replay },
    );
    // The generator must reach both outcomes, or the property proves little.
    expect(counts.accepted.strict).toBeGreaterThan(RUNS / 20);
    expect(counts.refused.strict).toBeGreaterThan(RUNS / 4);
    expect(counts.accepted.allowing).toBeGreaterThan(counts.accepted.strict);
  });
});
