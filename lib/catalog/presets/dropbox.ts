import type { Preset } from "../types";

export const dropbox: Preset = {
  id: "dropbox",
  name: "Dropbox",
  description: "Members and team details of a Dropbox team, through a team-scoped app that a team admin links.",
  docsUrl: "https://dropbox.tech/developers/using-oauth-2-0-with-offline-access",
  version: 1,
  grantType: "authorization_code",
  grantNote:
    "Authorization Code with token_access_type=offline, which makes Dropbox return a refresh token. Dropbox has no Client Credentials grant for team data.",
  authUrl: "https://www.dropbox.com/oauth2/authorize",
  tokenUrl: "https://api.dropboxapi.com/oauth2/token",
  apiBaseUrl: "https://api.dropboxapi.com/2",
  clientAuth: "basic",
  usePkce: true,
  scopeSeparator: " ",
  scopes: [
    { value: "members.read", meaning: "List the team's members.", recommended: true, unconfirmed: true },
    { value: "team_info.read", meaning: "Read the team's name and settings.", recommended: true, unconfirmed: true },
  ],
  extras: { auth: { params: [{ name: "token_access_type", value: "offline" }] } },
  variables: [],
  quirks: [
    "Access tokens last about 4 hours; a refresh token comes only with token_access_type=offline.",
    "Refresh responses carry no new refresh token: Latchkey keeps using the original one.",
    "Legacy long-lived tokens were retired on 2021-09-30.",
    "Dropbox revokes a token by an API call made with the access token itself rather than an RFC 7009 request, so the preset leaves Revocation URL empty.",
  ],
  unverified: [
    "Sending client_id and client_secret in the body instead of the Basic header was not confirmed, so the preset uses Basic as Dropbox's examples do.",
    "The token host appears both as api.dropboxapi.com (Nango) and as api.dropbox.com (SailPoint); the preset uses api.dropboxapi.com.",
    "The revocation endpoint and the team scope names come only from third-party sources.",
  ],
  sources: [
    { title: "Dropbox: Using OAuth 2.0 with offline access", url: "https://dropbox.tech/developers/using-oauth-2-0-with-offline-access" },
    {
      title: "SailPoint: Dropbox connector prerequisites (third party)",
      url: "https://documentation.sailpoint.com/connectors/identityiq/dropbox/help/integrating_dropbox/prerequisites.html",
    },
    { title: "Dropbox Rust SDK: oauth2 module", url: "https://docs.rs/dropbox-sdk/0.14.1/i686-unknown-linux-gnu/dropbox_sdk/oauth2/index.html" },
    {
      title: "OpenIntegrations: Dropbox refresh token (third party)",
      url: "https://avyl.ru/1c/OpenIntegrations/src/commit/3411fb2601f4c83c797479396b374815cfd61ed9/docs/en/md/Dropbox/Account-and-authorization/Refresh-token.md?display=source",
    },
    {
      title: "Nango providers.yaml (third party)",
      url: "https://github.com/NangoHQ/nango/blob/2f4c0af671e2ca1c43dd4e78f3c369218bf3fc87/packages/providers/providers.yaml",
    },
  ],
};
