/**
 * Generated proxy paths through lib/proxy/target.ts proxyTarget, the one place that decides where
 * a worker's `/proxy/…` request goes. Property: the path is refused (ApiError "bad_path"), or the
 * target stays under the connector's API Base URL, as we see it and as vendors' servers may read
 * it: the WHATWG URL we send; the path decoded once with dot segments removed (servers that
 * decode before routing); with `;parameters` dropped from each segment (Tomcat, Jetty: `..;`);
 * and with Unicode look-alikes folded (NFKC: a fullwidth `．．`). With and without the
 * connector's "encoded slash" setting.
 */
import path from "node:path";
import fc from "fast-check";
import { ApiError } from "../../../lib/machine-api/api-error";
import { proxyTarget } from "../../../lib/proxy/target";

const BASES = ["https://api.vendor.example/v2", "https://api.vendor.example/v2/", "https://api.vendor.example", "https://api.vendor.example/a/b?fixed=1"];

/** Pieces attackers and unlucky workers send. */
const hostile = fc.constantFrom(
  "..",
  ".",
  "%2e%2e",
  "%2E%2E",
  ".%2e",
  "%2e.",
  "..;",
  "..;x=1",
  ".;",
  "%2f",
  "%2F",
  "%5c",
  "\\",
  "/",
  "//evil.example",
  "%252e%252e",
  "%25",
  "%",
  "%zz",
  "%c0%ae%c0%ae",
  "%e2%80%a4%e2%80%a4",
  "\uff0e\uff0e",
  "%ef%bc%8e%ef%bc%8e",
  "\u2024\u2024",
  "https://evil.example",
  "a:b",
  "javascript:alert(1)",
  "%00",
  "%0a",
  " ",
  "?",
  "#",
  "@evil.example",
  "~",
);
const plain = fc.string({ unit: fc.constantFrom(..."abcxyz0129-._~!$&'()*+,;=:@%"), minLength: 0, maxLength: 12 });
const segment = fc.oneof(
  { weight: 2, arbitrary: plain },
  { weight: 2, arbitrary: hostile },
  fc.string({ maxLength: 6 }).map(encodeURIComponent),
  fc.string({ maxLength: 4, unit: "binary" }),
);
export const rawPathArb = fc.array(segment, { minLength: 1, maxLength: 6 }).map((segments) => segments.join("/"));

function underBase(pathname: string, base: URL): boolean {
  const basePath = base.pathname.endsWith("/") ? base.pathname : `${base.pathname}/`;
  return pathname === base.pathname || pathname.startsWith(basePath) || `${pathname}/` === basePath;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** How some vendor servers read the path we send. */
const VIEWS: Record<string, (pathname: string) => string> = {
  "decoded once": (p) => path.posix.normalize(safeDecode(p)),
  "path parameters dropped": (p) =>
    path.posix.normalize(
      p
        .split("/")
        .map((s) => s.split(";")[0])
        .join("/"),
    ),
  "Unicode folded": (p) => path.posix.normalize(safeDecode(p).normalize("NFKC")),
};

export function checkProxyPath(baseText: string, rawPath: string, allowEncodedSlash: boolean): void {
  let target: URL;
  try {
    target = proxyTarget(baseText, rawPath, "", { allowEncodedSlash });
  } catch (error) {
    if (error instanceof ApiError && error.code === "bad_path") return;
    throw new Error(`proxyTarget threw something other than bad_path: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
  }
  const base = new URL(baseText);
  if (target.origin !== base.origin) throw new Error(`left the origin: ${target.href}`);
  if (!underBase(target.pathname, base)) throw new Error(`left the base path: ${target.pathname}`);
  for (const [view, read] of Object.entries(VIEWS)) {
    const seen = read(target.pathname);
    if (!underBase(seen, base)) throw new Error(`a server that reads paths "${view}" sees ${JSON.stringify(seen)} for ${target.pathname}`);
  }
}

/** `allowEncodedSlash`: the connector setting for GitLab-style ids (`group%2Fproject`); the checks must hold either way. */
export const proxyPathProperty = () => fc.property(fc.constantFrom(...BASES), rawPathArb, fc.boolean(), checkProxyPath);
