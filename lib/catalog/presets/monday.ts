import type { Preset } from "../types";

export const monday: Preset = {
  id: "monday",
  name: "monday.com",
  description: "Account details and users from the monday.com GraphQL API, through an app that an account admin installs.",
  docsUrl: "https://developer.monday.com/apps/docs/oauth",
  version: 1,
  grantType: "authorization_code",
  grantNote: "Authorization Code, after an account admin has installed the app.",
  authUrl: "https://auth.monday.com/oauth2/authorize",
  tokenUrl: "https://auth.monday.com/oauth2/token",
  apiBaseUrl: "https://api.monday.com/v2",
  clientAuth: "body",
  usePkce: false,
  scopeSeparator: " ",
  scopes: [
    { value: "me:read", meaning: "Read the authorizing user's profile.", recommended: true },
    { value: "account:read", meaning: "Read the account's details.", recommended: true },
    { value: "users:read", meaning: "Read the account's users.", recommended: true, unconfirmed: true },
  ],
  extras: { auth: { params: [{ name: "force_install_if_needed", value: "true" }] } },
  variables: [],
  quirks: [
    "An account admin must install the app before OAuth can finish; the preset passes force_install_if_needed=true, as Nango does, to ask for the install when needed.",
    "Set the scopes and the redirect URL on the app in the Developer Center too.",
    "Tokens from this flow reportedly never expire and come without a refresh token.",
    "The API is one GraphQL endpoint, and calls carry a dated API-Version header.",
  ],
  unverified: [
    "No refresh URL was confirmed, because tokens from this flow reportedly never expire (third-party source) and come without a refresh token.",
    "No revocation endpoint was confirmed, so the preset leaves Revocation URL empty.",
    "The users:read scope was not seen in the vendor's (truncated) scope table.",
    "The force_install_if_needed parameter comes from Nango.",
    "An OAuth 2.1 flow with PKCE and refresh tokens, at /oauth_ms/oauth/token and /oauth_ms/oauth/revoke, is described by a single public connector and is not used.",
    "The API Base URL and the API-Version header come from a third-party source.",
  ],
  sources: [
    { title: "monday.com: OAuth", url: "https://developer.monday.com/apps/docs/oauth" },
    { title: "Unified.to: monday.com OAuth app (third party)", url: "https://docs.unified.to/skills/monday-oauth-app/SKILL.md" },
    { title: "Composio: monday.com toolkit (third party)", url: "https://docs.composio.dev/kb/guide/toolkits-monday" },
    {
      title: "Nango providers.yaml (third party)",
      url: "https://github.com/NangoHQ/nango/blob/2f4c0af671e2ca1c43dd4e78f3c369218bf3fc87/packages/providers/providers.yaml",
    },
  ],
};
