/**
 * Reading a token endpoint response body tolerantly. RFC 6749 §5.1 says JSON; GitHub answers
 * application/x-www-form-urlencoded unless asked otherwise, proxies and WAFs answer HTML or
 * text/plain. The content type decides first, sniffing the body second.
 */

export type ResponseBody =
  | { kind: "object"; format: "json" | "form"; fields: Record<string, unknown> }
  | { kind: "empty" }
  | { kind: "html" }
  | { kind: "invalid_json" }
  | { kind: "not_an_object" }
  | { kind: "text" };

/** One header, looked up case-insensitively (senders may hand back any case). */
export function headerValue(headers: Record<string, string>, name: string): string | null {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === wanted) return value;
  return null;
}

/** `name=value&…` with percent-encoded values, as application/x-www-form-urlencoded produces. */
const FORM_BODY = /^[A-Za-z0-9_.~%+-]+=[^\s&]*(?:&[A-Za-z0-9_.~%+-]+=[^\s&]*)*&?$/;

export function readResponseBody(headers: Record<string, string>, body: string): ResponseBody {
  const text = body.replace(/^\uFEFF/, "").trim();
  if (text === "") return { kind: "empty" };
  const mediaType = (headerValue(headers, "content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  const declaredJson = mediaType === "application/json" || mediaType.endsWith("+json") || mediaType === "text/javascript";
  const declaredForm = mediaType === "application/x-www-form-urlencoded";

  if (declaredForm && FORM_BODY.test(text)) return form(text);
  if (declaredJson || text.startsWith("{") || text.startsWith("[")) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      if (looksLikeHtml(mediaType, text)) return { kind: "html" };
      if (FORM_BODY.test(text)) return form(text);
      return { kind: "invalid_json" };
    }
    if (value === null || typeof value !== "object" || Array.isArray(value)) return { kind: "not_an_object" };
    return { kind: "object", format: "json", fields: value as Record<string, unknown> };
  }
  if (looksLikeHtml(mediaType, text)) return { kind: "html" };
  if (FORM_BODY.test(text)) return form(text);
  return { kind: "text" };
}

function looksLikeHtml(mediaType: string, text: string): boolean {
  return mediaType === "text/html" || mediaType === "application/xhtml+xml" || text.startsWith("<");
}

/** Form fields; a repeated name keeps its first value. */
function form(text: string): ResponseBody {
  const values = new Map<string, string>();
  for (const [name, value] of new URLSearchParams(text)) if (!values.has(name)) values.set(name, value);
  return { kind: "object", format: "form", fields: Object.fromEntries(values) };
}
