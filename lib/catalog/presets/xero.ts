import type { Preset } from "../types";

export const xero: Preset = {
  id: "xero",
  name: "Xero",
  description: "Organisation settings and accounting data from the Xero API, for each organisation the authorizing user connects.",
  docsUrl: "https://developer.xero.com/faq/custom-integration",
  version: 1,
  grantType: "authorization_code",
  grantNote:
    "Authorization Code with offline_access for a refresh token. Client Credentials is available only through Xero's paid Custom Connections (one organisation, in AU, NZ, UK and US), with the same token URL.",
  authUrl: "https://login.xero.com/identity/connect/authorize",
  tokenUrl: "https://identity.xero.com/connect/token",
  apiBaseUrl: "https://api.xero.com",
  clientAuth: "basic",
  usePkce: false,
  scopeSeparator: " ",
  scopes: [
    { value: "offline_access", meaning: "Get a refresh token, so access continues without a new sign-in.", recommended: true, unconfirmed: true },
    { value: "accounting.settings.read", meaning: "Read the organisation's settings.", recommended: true, unconfirmed: true },
    { value: "openid", meaning: "Identify the user who authorized (OpenID Connect).", recommended: false, unconfirmed: true },
    { value: "profile", meaning: "Read the authorizing user's name.", recommended: false, unconfirmed: true },
    { value: "email", meaning: "Read the authorizing user's email address.", recommended: false, unconfirmed: true },
  ],
  variables: [],
  refreshTokenIdleDays: 60,
  quirks: [
    "One consent can cover several organisations: the sync job calls /connections under the API Base URL to list them and sends each tenantId as the Xero-Tenant-Id header.",
    "Access tokens expire after 30 minutes.",
    "Refresh tokens are single use and expire after 60 days unused; each refresh returns a new pair, which Latchkey stores.",
    "Xero staff say an old refresh token may be reused for 30 minutes after a refresh.",
  ],
  unverified: [
    "No revocation endpoint was confirmed (a candidate, not confirmed by Xero, is https://identity.xero.com/connect/revocation), so the preset leaves Revocation URL empty.",
    "Basic client authentication comes only from third-party sources (Airbyte, Nango).",
    "The scope names come only from third-party sources, and recent changes to granular scopes were not checked.",
    "Xero documents PKCE for apps that cannot keep a secret; whether a web app with a client secret accepts it was not checked, so PKCE is off.",
  ],
  sources: [
    { title: "Xero: Custom integration FAQ", url: "https://developer.xero.com/faq/custom-integration" },
    { title: "Xero developer community: refresh tokens", url: "https://community.xero.com/developer/discussion/145912377/" },
    { title: "Xero endpoints and connections (third party)", url: "https://mcp.waymark.network/r/ab0ad5ce-3697-484f-90ef-9a95df54f552" },
    { title: "Airbyte Xero source: OAuth (third party)", url: "https://tessl.io/registry/tessl/pypi-source-xero/0.2.0/files/docs/oauth-authentication.md" },
    { title: "Mage: Xero source (third party)", url: "https://docs.mage.ai/data-integrations/sources/xero" },
    {
      title: "Nango providers.yaml (third party)",
      url: "https://github.com/NangoHQ/nango/blob/2f4c0af671e2ca1c43dd4e78f3c369218bf3fc87/packages/providers/providers.yaml",
    },
  ],
};
