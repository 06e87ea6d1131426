import type { Preset } from "../types";

export const hubspot: Preset = {
  id: "hubspot",
  name: "HubSpot",
  description: "Users and settings of a HubSpot account, through an app that a Super Admin installs.",
  docsUrl: "https://developers.hubspot.com/docs/api-reference/auth-oauth-v3/guide",
  version: 1,
  grantType: "authorization_code",
  grantNote: "Authorization Code; HubSpot has no Client Credentials grant for account data.",
  authUrl: "https://app.hubspot.com/oauth/authorize",
  tokenUrl: "https://api.hubapi.com/oauth/v1/token",
  apiBaseUrl: "https://api.hubapi.com",
  clientAuth: "body",
  usePkce: true,
  scopeSeparator: " ",
  scopes: [
    { value: "oauth", meaning: "The base scope HubSpot apps request.", recommended: true, unconfirmed: true },
    { value: "settings.users.read", meaning: "Read the account's users and their settings.", recommended: true, unconfirmed: true },
  ],
  variables: [],
  quirks: [
    "The v1 OAuth endpoints the preset uses are deprecated and shut off on 2027-02-16; their replacement token URL ends in /oauth/2026-03/token.",
    "Access tokens expire after 30 minutes.",
    "Installing a legacy public app needs a Super Admin in the HubSpot account.",
    "HubSpot revokes a refresh token through a DELETE request rather than an RFC 7009 endpoint, so the preset leaves Revocation URL empty.",
  ],
  unverified: [
    "The authorization parameter for optional scopes was not confirmed (the docs text says optional_scopes, other sources optional_scope), so the preset adds none.",
    "The api.hubapi.com host for the new /oauth/2026-03/ endpoints is inferred, not confirmed, so the preset keeps the v1 token URL.",
    "The scope names settings.users.read and oauth come only from third-party code.",
  ],
  sources: [
    { title: "HubSpot: OAuth v3 guide", url: "https://developers.hubspot.com/docs/api-reference/auth-oauth-v3/guide" },
    { title: "HubSpot: OAuth tokens v1 (legacy)", url: "https://developers.hubspot.com/docs/api-reference/legacy/authentication/oauth-tokens/v1/guide" },
    { title: "HubSpot changelog: v1 OAuth API deprecation", url: "https://developers.hubspot.com/changelog/v1-oauth-api-deprecation" },
    {
      title: "HubSpot changelog: new OAuth v3 endpoints and standardized errors",
      url: "https://developers.hubspot.com/changelog/new-oauth-v3-api-endpoints-and-standardized-error-responses",
    },
    { title: "HubSpot: Refresh an access token", url: "https://developers.hubspot.com/docs/methods/oauth2/refresh-access-token" },
    {
      title: "Nango providers.yaml (third party)",
      url: "https://github.com/NangoHQ/nango/blob/2f4c0af671e2ca1c43dd4e78f3c369218bf3fc87/packages/providers/providers.yaml",
    },
    { title: "HubSpot OAuth example gist (third party)", url: "https://gist.github.com/umair-khokhar/779bb1a7458f7f7baa4ec3cd3345912c" },
  ],
};
