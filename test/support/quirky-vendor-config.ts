// A complete OAuthClientConfig for protocol tests, with overrides. Lives next to the quirky
// vendor because most tests point it there.
import type { OAuthClientConfig } from "@/lib/oauth";

export function oauthConfig(overrides: Partial<OAuthClientConfig> = {}): OAuthClientConfig {
  return {
    grantType: "authorization_code",
    authUrl: "https://vendor.example.com/oauth/authorize",
    tokenUrl: "https://vendor.example.com/oauth/token",
    refreshUrl: null,
    revocationUrl: null,
    clientId: "client-123",
    clientSecret: "s3cret",
    scopes: ["read", "write"],
    scopeSeparator: " ",
    clientAuth: "basic",
    usePkce: true,
    refreshIncludesScope: false,
    tokenBodyFormat: "form",
    extras: { auth: { headers: [], params: [] }, token: { headers: [], params: [] }, refresh: { headers: [], params: [] } },
    ...overrides,
  };
}
