/**
 * Authorization server metadata discovery, without I/O: where an issuer publishes its metadata,
 * and what a metadata document means for a connector's settings.
 *
 * - Where: OpenID Connect Discovery 1.0 §4 first (`{issuer}/.well-known/openid-configuration`,
 *   the issuer's terminating "/" removed), then RFC 8414 §3.1 (`/.well-known/oauth-authorization-server`
 *   inserted between the host and the issuer's path). Most vendors publish the first; some
 *   OAuth-only servers publish only the second.
 * - Trust: the document's `issuer` must be identical to the issuer it was fetched for (RFC 8414
 *   §3.3, OIDC Discovery §4.3). Otherwise a document served at one issuer's address could point
 *   a connector at another server's endpoints (the mix-up RFC 9207 defends against), so it is
 *   refused whole.
 * - Meaning: each setting comes back with the value to put in the form, or null to leave the
 *   form's value alone, and the reason in plain words, for the admin to read.
 *
 * Every string quoted back from a document is redacted and shortened: the document is public,
 * but whatever answered at that address wrote it.
 */
import { redact, shorten } from "./redaction";
import type { ClientAuthMethod, HttpResponse } from "./types";

export type MetadataKind = "openid-configuration" | "oauth-authorization-server";

export interface MetadataLocation {
  kind: MetadataKind;
  url: string;
}

export type DiscoveryErrorCode = "invalid_issuer" | "http_status" | "not_json" | "issuer_missing" | "issuer_mismatch";

export interface DiscoveryError {
  code: DiscoveryErrorCode;
  /** Safe and human; names the URL and what was wrong with its answer. */
  message: string;
}

/** A setting read from the metadata: the value for the form (null: leave the form's value) and why. */
export interface Discovered<T> {
  value: T | null;
  reason: string;
}

export interface DiscoveredSettings {
  issuer: string;
  authUrl: Discovered<string>;
  tokenUrl: Discovered<string>;
  revocationUrl: Discovered<string>;
  usePkce: Discovered<boolean>;
  clientAuth: Discovered<ClientAuthMethod>;
  requireIss: Discovered<boolean>;
}

export type MetadataResult = { ok: true; settings: DiscoveredSettings } | { ok: false; error: DiscoveryError };

export interface ParseMetadataOptions {
  /**
   * Why an endpoint URL may not be used (the connector schema's URL rules: https only, no
   * private addresses unless allowed), or null. The endpoint is then left out of the form.
   */
  urlProblem?: (url: string) => string | null;
}

/** Longest URL taken from a document; the connector schema allows no more either. */
const MAX_URL_LENGTH = 2048;
const QUOTE_LENGTH = 200;
const WHITESPACE_OR_CONTROL = /[\s\u0000-\u001f\u007f]/;

/** Why `issuer` cannot be an issuer identifier (RFC 8414 §2: a URL without query or fragment), or null. */
export function issuerProblem(issuer: string): string | null {
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    return "Enter the issuer as an absolute URL, like https://login.vendor.example.com";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return "The issuer must be an https:// URL";
  if (url.username || url.password) return "Remove the user name or password from the issuer";
  if (url.search || issuer.includes("?")) return "An issuer has no ?query part (RFC 8414 §2): remove it";
  if (url.hash || issuer.includes("#")) return "An issuer has no #fragment (RFC 8414 §2): remove it";
  return null;
}

/**
 * Where to look for `issuer`'s metadata, in order. Throws TypeError for a string that is not an
 * issuer identifier (check issuerProblem first).
 */
export function metadataLocations(issuer: string): MetadataLocation[] {
  const problem = issuerProblem(issuer);
  if (problem) throw new TypeError(problem);
  const url = new URL(issuer);
  // OIDC Discovery §4.1: the issuer's terminating "/" is removed before the suffix is appended.
  const withoutSlash = issuer.endsWith("/") ? issuer.slice(0, -1) : issuer;
  // RFC 8414 §3.1: any terminating "/" of the path goes, then the well-known segment goes before the path.
  const path = url.pathname === "/" ? "" : url.pathname.replace(/\/$/, "");
  return [
    { kind: "openid-configuration", url: `${withoutSlash}/.well-known/openid-configuration` },
    { kind: "oauth-authorization-server", url: `${url.origin}/.well-known/oauth-authorization-server${path}` },
  ];
}

/** A vendor-written string as it may be shown: redacted, whitespace collapsed, at most 200 characters, quoted. */
function quoted(value: string): string {
  const short = shorten(redact(value)) ?? "";
  return `"${short.length > QUOTE_LENGTH ? `${short.slice(0, QUOTE_LENGTH - 1)}…` : short}"`;
}

/** What answered at a metadata location, as a metadata document, or why it is not one. */
export function parseMetadataResponse(issuer: string, location: MetadataLocation, response: HttpResponse, options: ParseMetadataOptions = {}): MetadataResult {
  if (response.status !== 200) {
    return fail("http_status", `${location.url} answered HTTP ${response.status}${response.status === 404 ? " (not found)" : ""}.`);
  }
  const text = response.body.replace(/^\uFEFF/, "").trim();
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    const html = /^<(!doctype|html|head|body)\b/i.test(text) || /text\/html/i.test(headerOf(response, "content-type"));
    return fail(
      "not_json",
      `${location.url} answered with ${html ? "an HTML page" : text === "" ? "an empty body" : "something that is not JSON"}, not a metadata document.`,
    );
  }
  if (document === null || typeof document !== "object" || Array.isArray(document)) {
    return fail("not_json", `${location.url} answered with JSON that is not an object, not a metadata document.`);
  }
  return parseMetadataDocument(issuer, document as Record<string, unknown>, options, location.url);
}

/**
 * A metadata document's settings, if its issuer is `issuer` exactly (RFC 8414 §3.3, OIDC
 * Discovery §4.3). `source` names where it came from in messages.
 */
export function parseMetadataDocument(
  issuer: string,
  document: Record<string, unknown>,
  options: ParseMetadataOptions = {},
  source = "The metadata",
): MetadataResult {
  const stated = document.issuer;
  if (typeof stated !== "string" || stated === "") {
    return fail("issuer_missing", `${source} names no issuer, so it cannot be checked against ${quoted(issuer)} and was not used.`);
  }
  if (stated !== issuer) {
    const hint =
      stated.replace(/\/$/, "") === issuer.replace(/\/$/, "")
        ? " They differ only in the trailing slash: enter the issuer exactly as the vendor writes it."
        : "";
    return fail(
      "issuer_mismatch",
      `${source} names the issuer ${quoted(stated)}, not ${quoted(issuer)} as entered. The two must be identical (RFC 8414 §3.3), so nothing was taken from it.${hint}`,
    );
  }
  return {
    ok: true,
    settings: {
      issuer,
      authUrl: endpoint(document, "authorization_endpoint", options),
      tokenUrl: endpoint(document, "token_endpoint", options),
      revocationUrl: endpoint(document, "revocation_endpoint", options),
      usePkce: pkceOf(document.code_challenge_methods_supported),
      clientAuth: clientAuthOf(document.token_endpoint_auth_methods_supported),
      requireIss: requireIssOf(document.authorization_response_iss_parameter_supported),
    },
  };
}

function endpoint(document: Record<string, unknown>, field: string, { urlProblem }: ParseMetadataOptions): Discovered<string> {
  const value = document[field];
  if (value === undefined || value === null) return { value: null, reason: `${field} is not in the metadata` };
  if (typeof value !== "string" || value.length > MAX_URL_LENGTH || WHITESPACE_OR_CONTROL.test(value) || !isHttpUrl(value)) {
    return { value: null, reason: `${field} is not a usable URL${typeof value === "string" ? ` (${quoted(value)})` : ""}` };
  }
  const problem = urlProblem?.(value);
  if (problem) return { value: null, reason: `${field} ${quoted(value)} cannot be used: ${problem}` };
  return { value, reason: field };
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:";
  } catch {
    return false;
  }
}

/** Strings of a metadata list, or null when the field is absent or not a list of strings. */
function stringList(value: unknown): string[] | null {
  if (!Array.isArray(value)) return null;
  return value.filter((item): item is string => typeof item === "string");
}

function listed(methods: string[]): string {
  const shown = methods.slice(0, 8).map(quoted).join(", ");
  return methods.length > 8 ? `${shown} and ${methods.length - 8} more` : shown;
}

/** RFC 7636 §4.2: Latchkey sends S256 only, so a vendor that lists methods without it gets no PKCE. */
function pkceOf(value: unknown): Discovered<boolean> {
  const methods = stringList(value);
  if (methods === null) return { value: null, reason: "code_challenge_methods_supported is not advertised" };
  if (methods.includes("S256")) return { value: true, reason: "code_challenge_methods_supported includes S256" };
  if (methods.length === 0) return { value: false, reason: "code_challenge_methods_supported is empty: the vendor offers no PKCE" };
  return { value: false, reason: `code_challenge_methods_supported lists ${listed(methods)} but not S256, the only method Latchkey uses` };
}

/**
 * RFC 8414 §2: absent means client_secret_basic. Basic is preferred when both are listed (RFC
 * 6749 §2.3.1 makes it the one servers must support); Signed JWT (private_key_jwt, RFC 7523
 * §2.2) only when the vendor accepts no client secret at all (Okta service apps), since it also
 * needs a key registered at the vendor.
 */
function clientAuthOf(value: unknown): Discovered<ClientAuthMethod> {
  if (value === undefined)
    return { value: "basic", reason: "token_endpoint_auth_methods_supported is not advertised, so client_secret_basic, the default (RFC 8414 §2)" };
  const methods = stringList(value);
  if (methods === null) return { value: null, reason: "token_endpoint_auth_methods_supported is not a list" };
  if (methods.includes("client_secret_basic"))
    return { value: "basic", reason: `token_endpoint_auth_methods_supported includes client_secret_basic (all: ${listed(methods)})` };
  if (methods.includes("client_secret_post"))
    return { value: "body", reason: `token_endpoint_auth_methods_supported includes client_secret_post, not client_secret_basic (all: ${listed(methods)})` };
  if (methods.includes("private_key_jwt"))
    return {
      value: "private_key_jwt",
      reason: `token_endpoint_auth_methods_supported includes private_key_jwt and no client secret method (all: ${listed(methods)})`,
    };
  return {
    value: null,
    reason: methods.length
      ? `the vendor accepts only ${listed(methods)} at its token endpoint. Latchkey cannot use ${methods.length === 1 ? "this method" : "these methods"} yet: it sends a client secret (as a Basic header or in the body) or a Signed JWT (private_key_jwt)`
      : "token_endpoint_auth_methods_supported is empty",
  };
}

/** RFC 9207 §3: a vendor that advertises `iss` on the redirect always sends it, so its absence is refused. */
function requireIssOf(value: unknown): Discovered<boolean> {
  return value === true
    ? { value: true, reason: "authorization_response_iss_parameter_supported is true (RFC 9207)" }
    : { value: false, reason: "authorization_response_iss_parameter_supported is not advertised: iss is checked when the vendor sends it" };
}

function headerOf(response: HttpResponse, name: string): string {
  for (const [key, value] of Object.entries(response.headers)) if (key.toLowerCase() === name) return value;
  return "";
}

function fail(code: DiscoveryErrorCode, message: string): MetadataResult {
  return { ok: false, error: { code, message } };
}
