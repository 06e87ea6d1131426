/**
 * Where a proxied request goes: the connector's API Base URL plus the caller's path and query,
 * and never anywhere else (SECURITY 16, 39).
 *
 * The path arrives still percent-encoded, as the caller sent it after `/proxy/`. It is refused
 * when it could leave the base URL or be read differently by the vendor than by us:
 * - an absolute URL (`https://…`, `a:b`: RFC 3986 §4.2 forbids a colon in a relative path's first
 *   segment) or a leading `/` (a network-path reference, `//host`);
 * - a `.` or `..` segment, written plainly or encoded (`%2e%2e`, `.%2E`), also with path
 *   parameters (`..;`, `..;jsessionid=x`: Tomcat and Spring drop what follows `;` in a segment
 *   and then resolve the `..`);
 * - a character that a server normalising Unicode reads as a dot, slash, backslash or percent
 *   sign, written plainly or percent-encoded: ONE DOT LEADER U+2024 and FULLWIDTH FULL STOP
 *   U+FF0E (NFKC makes them "."), FULLWIDTH SOLIDUS U+FF0F, the ideographic full stops U+3002 and
 *   U+FF61 (IDNA maps them to "."). "․․" passes a check for ".." and becomes one at the vendor;
 * - an encoded slash (`%2f`), which a vendor's server may decode into a separator after our
 *   check, unless the connector allows it (below); an encoded backslash (`%5c`) and any
 *   backslash (WHATWG parsers treat it as `/`) always;
 * - anything still percent-encoded after one decoding (`%252e%252e`: double encoding), control
 *   characters (`%00`), or text that does not decode as UTF-8.
 *
 * `allowEncodedSlash` (a connector setting, off by default) is for APIs that put an id holding a
 * slash in one segment, GitLab's `projects/group%2Fproject`. The encoded slash is then sent as
 * it is, and every check above still runs on the decoded path, where it reads as a separator:
 * `a%2F..%2Fb` holds a `..` segment, `%2F%2Fhost` starts with a slash, and `%252F` is double
 * encoding, so all stay refused.
 *
 * The target is then built with `new URL(path, base)` and must still start with the base URL's
 * origin and path. The caller's query string is kept byte for byte.
 */
import { ApiError } from "../machine-api/api-error";

const MAX_PATH_LENGTH = 8192;
const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:/;
const CONTROL = /[\u0000-\u001f\u007f]/;
const ENCODED_SLASH = /%2f/i;
const ENCODED_BACKSLASH = /%5c/i;
const STILL_ENCODED = /%[0-9A-Fa-f]{2}/;
/** Full stops that IDNA (UTS #46) maps to "." although NFKC leaves them alone. */
const IDEOGRAPHIC_FULL_STOPS = new Set(["\u3002", "\uff61"]);
/** What a look-alike must not turn into. */
const SEPARATOR_OR_ESCAPE = /[./\\%]/;

export interface PathRules {
  /** The connector allows `%2F` inside a segment (GitLab-style ids). */
  allowEncodedSlash: boolean;
}

function refuse(reason: string): never {
  throw new ApiError("bad_path", `The path is refused: ${reason}. Send a path relative to the connector's API Base URL.`);
}

/** The first character a server may read as ".", "/", "\\" or "%" although it is none of them. */
function lookAlikeIn(decoded: string): string | null {
  for (const char of decoded) {
    if (char.charCodeAt(0) < 0x80) continue;
    if (IDEOGRAPHIC_FULL_STOPS.has(char) || SEPARATOR_OR_ESCAPE.test(char.normalize("NFKC"))) return char;
  }
  return null;
}

/** "." or "..", also with path parameters after it ("..;", "..;jsessionid=x", ".;"). */
function isDotSegment(segment: string): boolean {
  const name = segment.split(";", 1)[0];
  return name === "." || name === "..";
}

/** Checks the caller's raw (still encoded) path; returns it unchanged when it is safe. */
export function checkedRelativePath(raw: string, { allowEncodedSlash }: PathRules = { allowEncodedSlash: false }): string {
  if (raw.length > MAX_PATH_LENGTH) refuse("it is too long");
  if (raw.includes("\\") || ENCODED_BACKSLASH.test(raw)) refuse("it contains a backslash, plain or encoded");
  if (!allowEncodedSlash && ENCODED_SLASH.test(raw)) refuse("it contains an encoded slash (%2F), which this connector does not allow");
  if (CONTROL.test(raw) || /\s/.test(raw)) refuse("it contains control characters or spaces");
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    refuse("it is not valid percent-encoded UTF-8");
  }
  if (SCHEME.test(raw) || SCHEME.test(decoded)) refuse("it is an absolute URL");
  if (raw.startsWith("/") || decoded.startsWith("/")) refuse("it starts with a slash (//host)");
  if (decoded.includes("\\") || CONTROL.test(decoded)) refuse("it contains a backslash or control characters");
  if (STILL_ENCODED.test(decoded)) refuse("it is percent-encoded twice");
  // The decoded path: an allowed %2F is a separator here, as it may be for the vendor.
  if (decoded.split("/").some(isDotSegment)) refuse("it contains a . or .. segment (also as ..; with path parameters)");
  const lookAlike = lookAlikeIn(decoded);
  if (lookAlike !== null) {
    const code = `U+${lookAlike.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
    refuse(`it contains ${code}, which some servers read as a dot, slash or percent sign`);
  }
  return raw;
}

/** The vendor URL for `rawPath` and `rawQuery` (without "?") under `apiBaseUrl`. */
export function proxyTarget(apiBaseUrl: string, rawPath: string, rawQuery: string, rules: PathRules = { allowEncodedSlash: false }): URL {
  const path = checkedRelativePath(rawPath, rules);
  const base = new URL(apiBaseUrl);
  const basePath = base.pathname.endsWith("/") ? base.pathname : `${base.pathname}/`;
  const target = path === "" ? new URL(base.pathname, base.origin) : new URL(`./${path}`, `${base.origin}${basePath}`);
  if (target.origin !== base.origin || !(target.pathname === base.pathname || target.pathname.startsWith(basePath))) refuse("it leaves the API Base URL");
  const query = [base.search.slice(1), rawQuery].filter(Boolean).join("&");
  target.search = query;
  return target;
}

/** `query` (without "?") with every `name` parameter removed and `name=value` appended. */
export function replaceQueryParam(query: string, name: string, value: string): string {
  const kept = query.split("&").filter((pair) => {
    if (pair === "") return false;
    const rawName = pair.split("=", 1)[0] ?? "";
    try {
      return decodeURIComponent(rawName.replace(/\+/g, " ")) !== name;
    } catch {
      return true;
    }
  });
  return [...kept, `${encodeURIComponent(name)}=${encodeURIComponent(value)}`].join("&");
}
