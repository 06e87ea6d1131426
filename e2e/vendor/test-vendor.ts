// The test vendor: a real OAuth 2.0 authorization server (oidc-provider) on 127.0.0.1 that the
// integration and e2e tests point connectors at. It records what the product sends, enforces each
// client's authentication method strictly, and can revoke grants on demand.
//
// Standalone: `npx tsx e2e/vendor/test-vendor.ts` prints the issuer URL on stdout. Environment:
//   PORT                       port to listen on (default: a random free port)
//   TEST_VENDOR_AUTO_APPROVE   "true" to skip the login and consent pages
//   TEST_VENDOR_REDIRECT_URIS  comma-separated redirect URIs registered for the clients
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Provider, { type ClientMetadata } from "oidc-provider";
import { InMemoryStore } from "./in-memory-store";
import { buildProviderConfiguration, ENDPOINT_PATHS, type TestAccount } from "./provider-config";
import { createRequestDispatcher } from "./request-dispatcher";
import type { RecordedRequest } from "./request-recorder";
import { generateSigningJwk } from "./signing-key";
import { PRIVATE_KEY_JWT_CLIENT, TEST_CLIENTS, type TestClientCredentials } from "./test-clients";

export type { RecordedRequest } from "./request-recorder";
export type { TestAccount } from "./provider-config";
export { PRIVATE_KEY_JWT_CLIENT, TEST_CLIENTS } from "./test-clients";

export interface TestVendorOptions {
  /** Registered for every client with an authorization_code grant. */
  redirectUris?: string[];
  /** true: GET /interaction/:uid signs in "alice" and consents by itself; false: HTML pages. */
  autoApprove?: boolean;
  accessTokenTtlSeconds?: number;
  /** true (default): refresh tokens are single use, as at Atlassian or Box. */
  rotateRefreshTokens?: boolean;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Accounts whose email or email_verified claims differ from the defaults (SSO tests). */
  accounts?: Record<string, TestAccount>;
}

export interface TestVendor {
  issuer: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  revocationEndpoint: string;
  clients: {
    authCode: TestClientCredentials;
    machine: TestClientCredentials;
    basicOnly: TestClientCredentials;
    postOnly: TestClientCredentials;
    /** Signed JWT only, with the keys of client-keys.ts; no secret. */
    privateKeyJwt: { id: string };
  };
  /** Every request to the authorization, token and revocation endpoints, oldest first. */
  requests: RecordedRequest[];
  tokenRequests(): RecordedRequest[];
  authorizationRequests(): RecordedRequest[];
  /** Deletes grants (of one client, or all) and their tokens: refreshing then fails with invalid_grant. */
  revokeAllGrants(clientId?: string): Promise<void>;
  /**
   * Registers one more client while the vendor runs (stored like a dynamically registered one),
   * for metadata known only later, such as a jwks_uri naming a connector's JWKS URL.
   */
  registerClient(metadata: ClientMetadata): void;
  close(): Promise<void>;
}

const HOST = "127.0.0.1";
const DEFAULT_REDIRECT_URIS = ["http://localhost:3000/oauth2/redirect_url"];

export async function startTestVendor(options: TestVendorOptions = {}): Promise<TestVendor> {
  const signingJwk = await generateSigningJwk();
  const requests: RecordedRequest[] = [];
  const store = new InMemoryStore();

  // The issuer must contain the port, so the server listens before oidc-provider exists. A
  // request in that gap (a readiness probe on a fixed PORT) gets 503 instead of hanging.
  const server = createServer(answerStillStarting);
  const port = await listen(server, options.port ?? 0);
  const issuer = `http://${HOST}:${port}`;

  const provider = new Provider(
    issuer,
    buildProviderConfiguration({
      redirectUris: options.redirectUris ?? DEFAULT_REDIRECT_URIS,
      accounts: options.accounts ?? {},
      accessTokenTtlSeconds: options.accessTokenTtlSeconds ?? 3600,
      rotateRefreshTokens: options.rotateRefreshTokens ?? true,
      signingJwk,
      store,
    }),
  );
  provider.on("server_error", (_ctx, error) => console.error("test vendor server_error:", error));
  const dispatch = createRequestDispatcher(provider, { autoApprove: options.autoApprove ?? false, requests });
  server.off("request", answerStillStarting);
  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    dispatch(req, res).catch((error: unknown) => {
      console.error("test vendor request failed:", error);
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end("test vendor internal error");
    });
  });

  const pathIs = (endpoint: string) => (request: RecordedRequest) => request.path === endpoint;
  return {
    issuer,
    authorizationEndpoint: `${issuer}${ENDPOINT_PATHS.authorization}`,
    tokenEndpoint: `${issuer}${ENDPOINT_PATHS.token}`,
    revocationEndpoint: `${issuer}${ENDPOINT_PATHS.revocation}`,
    clients: {
      authCode: credentialsOf(TEST_CLIENTS.authCode),
      machine: credentialsOf(TEST_CLIENTS.machine),
      basicOnly: credentialsOf(TEST_CLIENTS.basicOnly),
      postOnly: credentialsOf(TEST_CLIENTS.postOnly),
      privateKeyJwt: { id: PRIVATE_KEY_JWT_CLIENT.id },
    },
    requests,
    tokenRequests: () => requests.filter(pathIs(ENDPOINT_PATHS.token)),
    authorizationRequests: () => requests.filter(pathIs(ENDPOINT_PATHS.authorization)),
    revokeAllGrants: async (clientId) => {
      store.revokeGrants(clientId);
    },
    registerClient: (metadata) => store.set("Client", metadata.client_id, metadata, undefined),
    close: () => close(server),
  };
}

function answerStillStarting(_req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(503, { "content-type": "text/plain", "retry-after": "1" });
  res.end("test vendor is starting");
}

function credentialsOf({ id, secret }: TestClientCredentials): TestClientCredentials {
  return { id, secret };
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, HOST, () => {
      server.off("error", reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    // Keep-alive connections from fetch would otherwise hold close() open for seconds.
    server.closeAllConnections();
  });
}

// --- standalone entry point -------------------------------------------------------------------

/**
 * True when this file is the program being run (`tsx e2e/vendor/test-vendor.ts`). Compares
 * argv[1] rather than import.meta.url because the file is also loaded through Vitest and
 * Playwright, whose transforms do not all support import.meta in this CommonJS package.
 */
function isStandaloneRun(): boolean {
  const entry = process.argv[1];
  return entry !== undefined && /(^|[\\/])test-vendor(\.ts)?$/.test(entry);
}

async function runStandalone(): Promise<void> {
  const port = Number(process.env.PORT ?? "0");
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got ${process.env.PORT}`);
  const redirectUris = process.env.TEST_VENDOR_REDIRECT_URIS?.split(",")
    .map((uri) => uri.trim())
    .filter(Boolean);
  const vendor = await startTestVendor({
    port,
    autoApprove: process.env.TEST_VENDOR_AUTO_APPROVE === "true",
    redirectUris: redirectUris?.length ? redirectUris : undefined,
  });
  console.log(vendor.issuer);
  const stop = () => {
    vendor.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

if (isStandaloneRun()) {
  runStandalone().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
