import type { Preset } from "../types";

export const slack: Preset = {
  id: "slack",
  name: "Slack",
  description: "Members of a Slack workspace from the Web API, through a bot token issued when the app is installed (OAuth v2).",
  docsUrl: "https://docs.slack.dev/authentication/installing-with-oauth",
  version: 1,
  grantType: "authorization_code",
  grantNote: "Authorization Code: installing the app in the workspace yields a bot token. Slack has no Client Credentials grant.",
  authUrl: "https://slack.com/oauth/v2/authorize",
  tokenUrl: "https://slack.com/api/oauth.v2.access",
  apiBaseUrl: "https://slack.com/api",
  clientAuth: "basic",
  usePkce: true,
  scopeSeparator: ",",
  scopes: [
    { value: "users:read", meaning: "List the workspace's members and their profiles.", recommended: true, unconfirmed: true },
    { value: "users:read.email", meaning: "Include members' email addresses.", recommended: true, unconfirmed: true },
    { value: "team:read", meaning: "Read the workspace's name and details.", recommended: false, unconfirmed: true },
  ],
  variables: [],
  metadata: [
    { source: "token", name: "team.id", meaning: "The ID of the workspace the app was installed in." },
    { source: "token", name: "team.name", meaning: "The name of the workspace the app was installed in." },
    { source: "token", name: "authed_user.id", meaning: "The ID of the user who installed the app." },
  ],
  quirks: [
    "The top-level access_token is the bot token (xoxb-), which the preset uses; a user token, when requested, sits under authed_user.",
    "For an install that requests user scopes only, set Access token location to authed_user.",
    "Scopes listed here are bot scopes; user-token scopes go in an extra authorization parameter named user_scope, comma-separated.",
    "A refresh token (xoxe-) and expires_in come only when token rotation is turned on for the app; otherwise the bot token does not expire.",
    "Slack reports errors as ok: false with an error field, even with HTTP 200.",
    "Slack's auth.revoke method takes the token itself as a Bearer credential rather than an RFC 7009 request, so the preset leaves Revocation URL empty.",
    "If PKCE is refused for your app, switch it off: the code exchange also works with the client secret alone.",
  ],
  unverified: [
    "Whether team:read is needed for workspace details was not checked.",
    "The comma scope separator, the scope names and the auth.revoke method come from third-party sources and Nango, not from a Slack page read.",
  ],
  sources: [
    { title: "Slack: Installing with OAuth", url: "https://docs.slack.dev/authentication/installing-with-oauth" },
    { title: "Slack: oauth.v2.access", url: "https://docs.slack.dev/reference/methods/oauth.v2.access" },
    { title: "Slack Node SDK: OauthV2AccessResponse", url: "https://docs.slack.dev/tools/node-slack-sdk/reference/web-api/type-aliases/OauthV2AccessResponse" },
    {
      title: "Nango providers.yaml (third party)",
      url: "https://github.com/NangoHQ/nango/blob/2f4c0af671e2ca1c43dd4e78f3c369218bf3fc87/packages/providers/providers.yaml",
    },
  ],
};
