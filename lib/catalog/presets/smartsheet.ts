import type { Preset } from "../types";

export const smartsheet: Preset = {
  id: "smartsheet",
  name: "Smartsheet",
  description: "Users and sheets from the Smartsheet API, with the consent of the user who authorizes.",
  docsUrl: "https://developers.smartsheet.com/api/smartsheet/guides/advanced-topics/oauth",
  version: 1,
  grantType: "authorization_code",
  grantNote:
    "Authorization Code (Smartsheet's 3-legged OAuth). Smartsheet suggests raw API access tokens for machine-to-machine integrations, which are not OAuth.",
  authUrl: "https://app.smartsheet.com/b/authorize",
  tokenUrl: "https://api.{region}/2.0/token",
  apiBaseUrl: "https://api.{region}/2.0",
  clientAuth: "body",
  usePkce: false,
  scopeSeparator: " ",
  scopes: [
    { value: "READ_USERS", meaning: "Read the organisation's users.", recommended: true, unconfirmed: true },
    { value: "READ_SHEETS", meaning: "Read sheets the authorizing user can see.", recommended: false, unconfirmed: true },
  ],
  variables: [
    {
      name: "region",
      label: "Region",
      help: "The domain of your Smartsheet region: smartsheet.com, smartsheet.eu, smartsheet.au or smartsheetgov.com.",
      example: "smartsheet.com",
    },
  ],
  quirks: [
    "Access tokens last about 7 days and come with a refresh token.",
    "The token request takes either the client secret or a SHA-256 hash of it with the code; Latchkey sends the client secret.",
    "EU and Gov accounts are separate from smartsheet.com, and their tokens work only in their own region.",
    "Smartsheet revokes a token through a DELETE request to the token endpoint rather than an RFC 7009 request, so the preset leaves Revocation URL empty.",
  ],
  unverified: [
    "PKCE support was not confirmed, so PKCE is off.",
    "Scope names were not confirmed: READ_USERS is a candidate and READ_SHEETS appears only in a third-party example.",
    "The scope separator was not confirmed; the preset uses a space.",
    "The Auth URL comes from Nango and a third party, and the authorization host for the EU and Gov regions was not confirmed.",
    "The regional domains come from Nango.",
  ],
  sources: [
    { title: "Smartsheet: OAuth", url: "https://developers.smartsheet.com/api/smartsheet/guides/advanced-topics/oauth" },
    { title: "Smartsheet: Authentication", url: "https://developers.smartsheet.com/api/smartsheet/guides/basics/authentication" },
    { title: "Smartsheet API: Gets or refreshes an access token", url: "https://developers.smartsheet.com/api/smartsheet/openapi/tokens/tokens-getorrefresh" },
    { title: "Smartsheet API reference: Token", url: "https://smartsheet.redoc.ly/tag/token" },
    {
      title: "Nango providers.yaml (third party)",
      url: "https://github.com/NangoHQ/nango/blob/2f4c0af671e2ca1c43dd4e78f3c369218bf3fc87/packages/providers/providers.yaml",
    },
  ],
};
