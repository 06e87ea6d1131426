import type { Preset } from "../types";

export const zendesk: Preset = {
  id: "zendesk",
  name: "Zendesk",
  description: "Users, organisations and tickets from the Zendesk Support API of one Zendesk account.",
  docsUrl: "https://developer.zendesk.com/api-reference/ticketing/oauth/grant_type_tokens/",
  version: 1,
  grantType: "authorization_code",
  grantNote: "Authorization Code. Client Credentials also works for a confidential OAuth client created in your own Zendesk account.",
  authUrl: "https://{subdomain}.zendesk.com/oauth/authorizations/new",
  tokenUrl: "https://{subdomain}.zendesk.com/oauth/tokens",
  apiBaseUrl: "https://{subdomain}.zendesk.com/api/v2",
  clientAuth: "body",
  usePkce: true,
  scopeSeparator: " ",
  scopes: [
    { value: "read", meaning: "Read everything the authorizing user can see.", recommended: true },
    { value: "users:read", meaning: "Read users only, a narrower choice than read.", recommended: false },
  ],
  tokenBodyFormat: "json",
  variables: [
    {
      name: "subdomain",
      label: "Subdomain",
      help: "The part before .zendesk.com in your Zendesk address (acme in acme.zendesk.com).",
      example: "acme",
    },
  ],
  refreshTokenIdleDays: 30,
  quirks: [
    "OAuth clients belong to one Zendesk account unless Zendesk grants a global OAuth client.",
    "The token endpoint takes a JSON body.",
    "Authorization codes are valid for 120 seconds.",
    "Each refresh returns a new access and refresh token and invalidates the previous pair, which Latchkey handles by storing the newest.",
    "Refresh tokens last 30 days by default; a refresh_token_expires_in token parameter sets 7 to 90 days, and an expires_in parameter sets the access-token lifetime.",
    "Finer scopes follow the resource:action pattern, such as users:read or organizations:read.",
  ],
  unverified: [
    "A guide on revoking OAuth tokens exists but its endpoint was not seen, so the preset leaves Revocation URL empty.",
    "The Auth URL comes only from Nango and a Zendesk help article.",
  ],
  sources: [
    { title: "Zendesk: OAuth tokens for grant types", url: "https://developer.zendesk.com/api-reference/ticketing/oauth/grant_type_tokens/" },
    { title: "Zendesk help: client credentials and PKCE", url: "https://support.zendesk.com/hc/en-us/articles/4408845965210" },
    { title: "Zendesk: Refresh tokens", url: "https://developer.zendesk.com/documentation/api-basics/authentication/refresh-token" },
    {
      title: "Zendesk: Creating and using OAuth tokens with the API",
      url: "https://developer.zendesk.com/documentation/authentication/creating-and-using-oauth-tokens-with-the-api",
    },
    {
      title: "Nango providers.yaml (third party)",
      url: "https://github.com/NangoHQ/nango/blob/2f4c0af671e2ca1c43dd4e78f3c369218bf3fc87/packages/providers/providers.yaml",
    },
  ],
};
