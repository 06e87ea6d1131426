// Keeps what the product sent to the vendor's OAuth endpoints, so tests can assert on the exact
// wire format (auth method, form encoding, PKCE parameters) rather than only on outcomes.
import type { IncomingHttpHeaders } from "node:http";

export interface RecordedRequest {
  /** Epoch milliseconds when the request arrived. */
  at: number;
  method: string;
  path: string;
  /** Header names are lowercase; repeated headers are joined with ", ". */
  headers: Record<string, string>;
  query: Record<string, string>;
  /** Parsed form or JSON body; {} for other content types or no body. */
  body: Record<string, string>;
  /** The body exactly as received (UTF-8), to check encoding details such as "+" versus "%20". */
  rawBody: string;
  contentType: string | undefined;
}

export interface IncomingRequestFacts {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  rawBody: Buffer;
  parsedBody: Record<string, string>;
}

export function toRecordedRequest({ method, url, headers, rawBody, parsedBody }: IncomingRequestFacts): RecordedRequest {
  return {
    at: Date.now(),
    method,
    path: url.pathname,
    headers: flattenHeaders(headers),
    query: Object.fromEntries(url.searchParams),
    body: parsedBody,
    rawBody: rawBody.toString("utf8"),
    contentType: headers["content-type"],
  };
}

function flattenHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    flat[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
  }
  return flat;
}
