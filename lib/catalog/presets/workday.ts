import type { Preset } from "../types";

export const workday: Preset = {
  id: "workday",
  name: "Workday",
  description: "Workers and organisations from the Workday REST API, through an API Client for Integrations.",
  docsUrl: "https://documentation.sailpoint.com/connectors/workday_accounts/help/integrating_workday_accounts/create_api_client_for_integration.html",
  version: 1,
  grantType: "authorization_code",
  grantNote:
    "The usual Workday setup is a non-expiring refresh token that an admin generates for an Integration System User (Manage Refresh Tokens for Integrations). Save the connector, then paste it under Import a refresh token on the connector page: Latchkey redeems it at once and keeps it fresh. Authorize (a Workday user approves once) works too.",
  authUrl: "https://{auth_host}/{tenant}/authorize",
  tokenUrl: "https://{token_host}/ccx/oauth2/{tenant}/token",
  clientAuth: "basic",
  usePkce: false,
  scopeSeparator: " ",
  scopes: [],
  variables: [
    {
      name: "auth_host",
      label: "Authorization Endpoint host",
      help: "The host of the Authorization Endpoint shown in View API Clients, without https://.",
      example: "impl.workday.com",
    },
    {
      name: "token_host",
      label: "Token Endpoint host",
      help: "The host of the Token Endpoint shown in View API Clients, without https://.",
      example: "wd2-impl-services1.workday.com",
    },
    {
      name: "tenant",
      label: "Tenant",
      help: "Your Workday tenant name: the path segment after /oauth2/ in the Token Endpoint.",
      example: "acme_preview",
    },
  ],
  quirks: [
    "Register the client with the Register API Client for Integrations task: grant type Authorization Code Grant, access token type Bearer, and the functional areas (such as Staffing, Contact Information, Organization and Roles) it may read.",
    "Functional areas play the role of scopes and are chosen on the API client, so the preset sends no scope.",
    "Tick Non-Expiring Refresh Tokens on the API client if the refresh token should not expire.",
    "The Token Endpoint and Authorization Endpoint appear on the View API Clients page.",
  ],
  unverified: [
    "Every value comes from third-party sources (SailPoint, crul, Nango), because Workday's own documentation needs a customer login.",
    "No revocation endpoint was found, so the preset leaves Revocation URL empty.",
    "PKCE support was not confirmed, so PKCE is off.",
    "The scope separator was not confirmed; it does not matter while no scope is sent.",
    "Basic client authentication comes only from Nango.",
    "A Client Credentials variant (Nango's workday-cc) was not corroborated and is not offered.",
  ],
  sources: [
    {
      title: "SailPoint: Create an API client for integration (third party)",
      url: "https://documentation.sailpoint.com/connectors/workday_accounts/help/integrating_workday_accounts/create_api_client_for_integration.html",
    },
    {
      title: "SailPoint: Workday functional areas (third party)",
      url: "https://documentation.sailpoint.com/connectors/saas/workday/help/saas_connectivity/workday/configuration_to_update_.html",
    },
    { title: "Nango: Workday refresh token setup (third party)", url: "https://www.nango.dev/docs/api-integrations/workday-refresh-token/connect" },
    { title: "crul: Workday OAuth provider (third party)", url: "https://www.crul.com/docs/oauthproviders/workday/" },
    {
      title: "Nango providers.yaml (third party)",
      url: "https://github.com/NangoHQ/nango/blob/2f4c0af671e2ca1c43dd4e78f3c369218bf3fc87/packages/providers/providers.yaml",
    },
  ],
};
