/**
 * Where a proxied request goes: the connector's API Base URL plus the caller's path and query,
 * and never anywhere else (SECURITY 16).
 *
 * The path arrives still percent-encoded, as the caller sent it after `/proxy/`. It is refused
 * when it could leave the base URL or be read differently by the vendor than by us:
 * - an absolute URL (`https://…`, `a:b`: RFC 3986 §4.2 forbids a colon in a relative path's first
 *   segment) or a leading `/` (a network-path reference, `//host`);
 * - a `.` or `..` segment, written plainly or encoded (`%2e%2e`, `.%2E`);
 * - an encoded slash or backslash (`%2f`, `%5c`), which a vendor's server may decode into a
 *   separator after our check, and any backslash (WHATWG parsers treat it as `/`);
 * - anything still percent-encoded after one decoding (`%252e%252e`: double encoding), control
 *   characters (`%00`), or text that does not decode as UTF-8.
 * The target is then built with `new URL(path, base)` and must still start with the base URL's
 * origin and path. The caller's query string is kept byte for byte.
 */
import { ApiError } from "../api-keys/api-error";

const MAX_PATH_LENGTH = 8192;
const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:/;
const CONTROL = /[\u0000-\u001f\u007f]/;
const ENCODED_SEPARATOR = /%(2f|5c)/i;
const STILL_ENCODED = /%[0-9A-Fa-f]{2}/;

function refuse(reason: string): never {
  throw new ApiError("bad_path", `The path is refused: ${reason}. Send a path relative to the connector's API Base URL.`);
}

/** Checks the caller's raw (still encoded) path; returns it unchanged when it is safe. */
export function checkedRelativePath(raw: string): string {
  if (raw.length > MAX_PATH_LENGTH) refuse("it is too long");
  if (raw.includes("\\") || ENCODED_SEPARATOR.test(raw)) refuse("it contains an encoded slash or a backslash");
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
  if (decoded.split("/").some((segment) => segment === "." || segment === "..")) refuse("it contains a . or .. segment");
  return raw;
}

/** The vendor URL for `rawPath` and `rawQuery` (without "?") under `apiBaseUrl`. */
export function proxyTarget(apiBaseUrl: string, rawPath: string, rawQuery: string): URL {
  const path = checkedRelativePath(rawPath);
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
