// Enforces each test client's registered authentication method. oidc-provider itself accepts
// client_secret_basic and client_secret_post interchangeably for any client that has a secret,
// but real vendors are strict (Zoom, X, Reddit and Notion require Basic; others only read the
// body), and the product must be tested against both behaviours.
import { findTestClient, type ClientAuthMethod } from "./test-clients";

export interface OAuthErrorReply {
  status: 400 | 401;
  headers: Record<string, string>;
  body: { error: string; error_description: string };
}

interface PresentedCredentials {
  method: ClientAuthMethod | undefined;
  clientId: string | undefined;
  sentBoth: boolean;
}

/**
 * Returns the error reply for a request whose client authentication breaks policy, or undefined
 * to let oidc-provider authenticate the client (and reject wrong secrets) as usual.
 */
export function checkClientAuthentication(authorizationHeader: string | undefined, body: Record<string, string>, realm: string): OAuthErrorReply | undefined {
  const presented = presentedCredentials(authorizationHeader, body);

  if (presented.sentBoth) {
    // RFC 6749 §2.3: "The client MUST NOT use more than one authentication method in each
    // request." §5.2 lists exactly this case under invalid_request (HTTP 400).
    return {
      status: 400,
      headers: {},
      body: {
        error: "invalid_request",
        error_description: "client authentication must use either HTTP Basic or the request body, not both",
      },
    };
  }

  const client = presented.clientId === undefined ? undefined : findTestClient(presented.clientId);
  if (!client || !presented.method || client.acceptedAuthMethods.includes(presented.method)) {
    return undefined;
  }

  return {
    status: 401,
    // RFC 6749 §5.2: a 401 answering an Authorization header must carry WWW-Authenticate.
    headers: presented.method === "client_secret_basic" ? { "www-authenticate": `Basic realm="${realm}"` } : {},
    body: {
      error: "invalid_client",
      error_description: `client ${client.id} must authenticate with ${client.acceptedAuthMethods.join(" or ")}; ${presented.method} is not accepted`,
    },
  };
}

function presentedCredentials(authorizationHeader: string | undefined, body: Record<string, string>): PresentedCredentials {
  const basicClientId = authorizationHeader === undefined ? undefined : clientIdFromBasic(authorizationHeader);
  const usesBasic = basicClientId !== undefined || isBasicScheme(authorizationHeader);
  const usesBody = body.client_secret !== undefined;
  return {
    method: usesBasic ? "client_secret_basic" : usesBody ? "client_secret_post" : undefined,
    clientId: basicClientId ?? body.client_id,
    sentBoth: usesBasic && usesBody,
  };
}

function isBasicScheme(authorizationHeader: string | undefined): boolean {
  return authorizationHeader?.trim().toLowerCase().startsWith("basic ") ?? false;
}

/** The client_id inside "Basic base64(form-encode(id):form-encode(secret))" (RFC 6749 §2.3.1). */
function clientIdFromBasic(authorizationHeader: string): string | undefined {
  if (!isBasicScheme(authorizationHeader)) return undefined;
  const encoded = authorizationHeader.trim().slice("basic ".length).trim();
  const decoded = Buffer.from(encoded, "base64").toString("utf8");
  const separator = decoded.indexOf(":");
  if (separator === -1) return undefined;
  try {
    return decodeURIComponent(decoded.slice(0, separator).replace(/\+/g, "%20"));
  } catch {
    return undefined; // malformed encoding: oidc-provider reports it as invalid_request
  }
}
