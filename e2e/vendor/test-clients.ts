// The OAuth clients registered at the test vendor: four with a secret, one with a key pair.
// Credentials are fixed (not random) so that Playwright specs and fixtures can use them without
// talking to the vendor process first.
// They only ever exist inside a throwaway test server.

export type ClientAuthMethod = "client_secret_basic" | "client_secret_post";

export interface TestClientCredentials {
  id: string;
  secret: string;
}

export interface TestClientDefinition extends TestClientCredentials {
  grantTypes: readonly string[];
  responseTypes: readonly string[];
  /** How this client may authenticate at the token, revocation and introspection endpoints. */
  acceptedAuthMethods: readonly ClientAuthMethod[];
}

const EITHER: readonly ClientAuthMethod[] = ["client_secret_basic", "client_secret_post"];
const INTERACTIVE_GRANTS = ["authorization_code", "refresh_token"] as const;

export const TEST_CLIENTS = {
  /** A typical web-app client: authorization code + refresh token, either auth method. */
  authCode: {
    id: "auth-code-client",
    secret: "auth-code-client-secret",
    grantTypes: INTERACTIVE_GRANTS,
    responseTypes: ["code"],
    acceptedAuthMethods: EITHER,
  },
  /** A machine-to-machine client: client_credentials only, no browser involved. */
  machine: {
    id: "machine-client",
    secret: "machine-client-secret",
    grantTypes: ["client_credentials"],
    responseTypes: [],
    acceptedAuthMethods: EITHER,
  },
  /**
   * Accepts only HTTP Basic (like Zoom, X, Reddit, Notion). The secret holds "+", "%", ":" and
   * "/" so a client that skips the form-URL-encoding RFC 6749 §2.3.1 requires before base64
   * fails: unencoded, "+" decodes to a space and "%2F" to "/".
   */
  basicOnly: {
    id: "basic-only-client",
    secret: "b4sic+only%2F:secret/with=specials",
    grantTypes: ["client_credentials", ...INTERACTIVE_GRANTS],
    responseTypes: ["code"],
    acceptedAuthMethods: ["client_secret_basic"],
  },
  /** Accepts only client_id/client_secret in the request body (RFC 6749 §2.3.1, second form). */
  postOnly: {
    id: "post-only-client",
    secret: "post-only-client-secret",
    grantTypes: ["client_credentials", ...INTERACTIVE_GRANTS],
    responseTypes: ["code"],
    acceptedAuthMethods: ["client_secret_post"],
  },
} as const satisfies Record<string, TestClientDefinition>;

export type TestClientName = keyof typeof TEST_CLIENTS;

/**
 * Authenticates with Signed JWT (private_key_jwt, RFC 7523 §2.2) only: it registered the public
 * keys of client-keys.ts and has no secret, like an Okta API Services app.
 */
export const PRIVATE_KEY_JWT_CLIENT = {
  id: "private-key-jwt-client",
  grantTypes: ["client_credentials", ...INTERACTIVE_GRANTS],
  responseTypes: ["code"],
} as const;

export function findTestClient(clientId: string): TestClientDefinition | undefined {
  return Object.values(TEST_CLIENTS).find((client) => client.id === clientId);
}
