import type { Preset } from "../types";

export const github: Preset = {
  id: "github",
  name: "GitHub",
  description: "Organisations, teams and members from the GitHub REST API, through an OAuth app authorized by an organisation owner.",
  docsUrl: "https://docs.github.com/en/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps",
  version: 1,
  grantType: "authorization_code",
  grantNote:
    "Authorization Code with an OAuth app: the tokens act as the person who authorized. For organisation-wide sync GitHub recommends a GitHub App installation token (signed with the app's private key), which is not an OAuth grant and which Latchkey does not support yet.",
  authUrl: "https://github.com/login/oauth/authorize",
  tokenUrl: "https://github.com/login/oauth/access_token",
  apiBaseUrl: "https://api.github.com",
  clientAuth: "body",
  usePkce: true,
  scopeSeparator: " ",
  scopes: [
    { value: "read:org", meaning: "Read organisations, teams and memberships.", recommended: true },
    { value: "read:user", meaning: "Read users' profile data.", recommended: false, unconfirmed: true },
    { value: "user:email", meaning: "Read users' email addresses.", recommended: false, unconfirmed: true },
  ],
  variables: [],
  quirks: [
    "For GitHub Enterprise Server, replace github.com in the Auth and Access Token URLs with your server's host name.",
    "OAuth-app tokens do not expire and come without a refresh token.",
    "GitHub answers the token request form-encoded unless asked for JSON, and reports errors such as bad_verification_code with HTTP 200; Latchkey asks for JSON and reads the error field.",
    "Authorization codes expire after 10 minutes.",
    "GitHub revokes a token through a DELETE request to its applications API rather than an RFC 7009 endpoint, so the preset leaves Revocation URL empty.",
  ],
  unverified: [
    "The read:user and user:email scopes were not checked against GitHub's scope table.",
    "The revocation API is known only through octokit's reference.",
    "Expiry and refresh-token rotation of GitHub App user tokens come only from third-party sources.",
    "PKCE support is seen only in a translated copy of GitHub's newer page (an older revision said PKCE was not supported); switch PKCE off if the code exchange fails.",
  ],
  sources: [
    { title: "GitHub: Authorizing OAuth apps", url: "https://docs.github.com/en/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps" },
    { title: "GitHub: Scopes for OAuth apps", url: "https://docs.github.com/en/apps/oauth-apps/building-oauth-apps/scopes-for-oauth-apps" },
    { title: "GitHub REST: Delete an app token", url: "https://docs.github.com/rest/apps/oauth-applications#delete-an-app-token" },
    {
      title: "Nango providers.yaml (third party)",
      url: "https://github.com/NangoHQ/nango/blob/2f4c0af671e2ca1c43dd4e78f3c369218bf3fc87/packages/providers/providers.yaml",
    },
  ],
};
