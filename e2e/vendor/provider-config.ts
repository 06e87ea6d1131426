// oidc-provider configuration for the test vendor: a plain OAuth 2.0 authorization server with
// the test clients, opaque access tokens and refresh tokens that behave like a strict SaaS
// vendor's.
import { randomBytes } from "node:crypto";
import { errors, type ClientMetadata, type Configuration } from "oidc-provider";
import { renderErrorPage } from "./interaction-pages";
import { interactionUrl } from "./interactions";
import type { InMemoryStore } from "./in-memory-store";
import { registeredClientJwks } from "./client-keys";
import { PRIVATE_KEY_JWT_CLIENT, TEST_CLIENTS } from "./test-clients";

export const ENDPOINT_PATHS = {
  authorization: "/oauth2/authorize",
  token: "/oauth2/token",
  revocation: "/oauth2/revoke",
  introspection: "/oauth2/introspect",
  jwks: "/oauth2/jwks",
  userinfo: "/oauth2/userinfo",
  end_session: "/oauth2/logout",
} as const;

export const SUPPORTED_SCOPES = ["openid", "offline_access", "profile", "email", "read:items", "write:items", "api"];

/** What the vendor says about one account in its ID tokens and userinfo (defaults: `<id>@test-vendor.example`, verified). */
export interface TestAccount {
  email?: string;
  emailVerified?: boolean;
}

export interface ProviderSettings {
  redirectUris: string[];
  /** Accounts whose claims differ from the defaults, by account id (the login page's username). */
  accounts: Record<string, TestAccount>;
  accessTokenTtlSeconds: number;
  rotateRefreshTokens: boolean;
  signingJwk: Record<string, unknown>;
  store: InMemoryStore;
}

const FIVE_MINUTES = 5 * 60;
const ONE_HOUR = 60 * 60;
const FOURTEEN_DAYS = 14 * 24 * ONE_HOUR;

export function buildProviderConfiguration(settings: ProviderSettings): Configuration {
  return {
    adapter: (modelName) => settings.store.adapterFor(modelName),
    clients: Object.values(TEST_CLIENTS)
      .map((client): ClientMetadata => ({
        client_id: client.id,
        client_secret: client.secret,
        grant_types: [...client.grantTypes],
        response_types: [...client.responseTypes],
        redirect_uris: client.responseTypes.length ? settings.redirectUris : [],
        // What discovery and oidc-provider report; the strict check lives in client-auth-policy.ts.
        token_endpoint_auth_method: client.acceptedAuthMethods[0],
      }))
      .concat({
        client_id: PRIVATE_KEY_JWT_CLIENT.id,
        grant_types: [...PRIVATE_KEY_JWT_CLIENT.grantTypes],
        response_types: [...PRIVATE_KEY_JWT_CLIENT.responseTypes],
        redirect_uris: settings.redirectUris,
        token_endpoint_auth_method: "private_key_jwt",
        jwks: registeredClientJwks(),
      }),
    // The methods the test clients use. private_key_jwt assertions are checked by oidc-provider:
    // alg (RS256, PS256, ES256 among its defaults), signature, iss = sub = client_id, aud (the
    // token endpoint, its own URL or the issuer), exp, and jti never seen before.
    clientAuthMethods: ["client_secret_basic", "client_secret_post", "private_key_jwt"],
    // oidc-provider refuses to fetch from special-use addresses, but a test client's jwks_uri is a
    // Latchkey connector's JWKS URL on 127.0.0.1: fetched without that guard here, in tests only.
    fetch: (url, options) => globalThis.fetch(url, { ...options, dispatcher: undefined } as RequestInit),
    scopes: SUPPORTED_SCOPES,
    claims: {
      acr: null,
      auth_time: null,
      iss: null,
      sid: null,
      openid: ["sub"],
      profile: ["name"],
      email: ["email", "email_verified"],
    },
    findAccount: (_ctx, sub) => ({
      accountId: sub,
      claims: async () => ({
        sub,
        name: sub,
        email: settings.accounts[sub]?.email ?? `${sub}@test-vendor.example`,
        email_verified: settings.accounts[sub]?.emailVerified ?? true,
      }),
    }),
    // false: the ID token carries the claims of the granted scopes (email, email_verified), as
    // Google's and Entra's do, so a relying party that reads only the ID token (Auth.js) sees
    // them. oidc-provider's default puts them only in userinfo when an access token is issued.
    conformIdTokenClaims: false,
    cookies: {
      keys: [randomBytes(32).toString("base64url")],
      // Cookies ignore ports: if the product runs on the same host, its cookies must not collide
      // with the vendor's (oidc-provider's defaults are the generic "_session" and "_interaction").
      names: { session: "vendor_session", interaction: "vendor_interaction", resume: "vendor_interaction_resume" },
    },
    jwks: { keys: [settings.signingJwk] },
    features: {
      devInteractions: { enabled: false }, // replaced by ./interactions.ts
      clientCredentials: { enabled: true },
      // Only the client a token was issued to may revoke it (RFC 7009 §2.1) or see it active
      // (RFC 7662 §4). Same rules as oidc-provider's defaults, minus their "SHOULD change" notice.
      revocation: {
        enabled: true,
        allowedPolicy: (_ctx, client, token) => {
          if (token.clientId !== client.clientId) throw new errors.InvalidRequest("client is not authorized to revoke the presented token");
          return true;
        },
      },
      introspection: { enabled: true, allowedPolicy: (_ctx, client, token) => token.clientId === client.clientId },
      // Off: with it on, oidc-provider ties access tokens to resource servers (RFC 8707) and wants
      // a getResourceServerInfo() for every audience. Off, a plain client_credentials or code
      // request with scope=api / read:items gets an opaque access token carrying those scopes.
      resourceIndicators: { enabled: false },
    },
    interactions: { url: (_ctx, interaction) => interactionUrl(interaction.uid) },
    // Not required so the product's per-connector PKCE switch can be tested both ways; S256 is
    // still verified whenever a code_challenge is sent (RFC 7636 §4.6).
    pkce: { required: () => false },
    // oidc-provider only issues refresh tokens for offline_access + prompt=consent (OIDC Core
    // §11). Like most OAuth vendors, issue one whenever the client may use the refresh_token grant.
    issueRefreshToken: (_ctx, client) => client.grantTypeAllowed("refresh_token"),
    // true: every refresh returns a new refresh token and the old one becomes invalid_grant
    // (Atlassian, Box, QuickBooks). false: the same refresh token keeps working.
    rotateRefreshToken: settings.rotateRefreshTokens,
    // Tokens outlive the vendor's browser session, as they do at real vendors.
    expiresWithSession: () => false,
    renderError: (ctx, out) => {
      ctx.type = "html";
      ctx.body = renderErrorPage(out);
    },
    routes: { ...ENDPOINT_PATHS },
    // All set explicitly: oidc-provider logs a notice for each default TTL it falls back to.
    ttl: {
      AccessToken: settings.accessTokenTtlSeconds,
      ClientCredentials: settings.accessTokenTtlSeconds,
      AuthorizationCode: 60,
      IdToken: ONE_HOUR,
      RefreshToken: FOURTEEN_DAYS,
      Grant: FOURTEEN_DAYS,
      Session: FOURTEEN_DAYS,
      Interaction: ONE_HOUR,
      DeviceCode: FIVE_MINUTES,
      BackchannelAuthenticationRequest: FIVE_MINUTES,
      PreAuthorizedCode: FIVE_MINUTES,
    },
  };
}
