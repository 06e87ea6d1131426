import type { Preset } from "../types";

export const atlassian: Preset = {
  id: "atlassian",
  name: "Atlassian",
  description: "Jira users and work items on Atlassian Cloud, through an OAuth 2.0 (3LO) app that a site admin authorizes.",
  docsUrl: "https://developer.atlassian.com/cloud/jira/platform/oauth-2-3lo-apps/",
  version: 1,
  grantType: "authorization_code",
  grantNote: "Authorization Code (Atlassian's 3LO) with offline_access for a refresh token. Organisation admin APIs use admin API keys, not OAuth.",
  authUrl: "https://auth.atlassian.com/authorize",
  tokenUrl: "https://auth.atlassian.com/oauth/token",
  apiBaseUrl: "https://api.atlassian.com",
  clientAuth: "body",
  usePkce: false,
  scopeSeparator: " ",
  scopes: [
    { value: "read:jira-user", meaning: "Read Jira users and their profiles.", recommended: true, unconfirmed: true },
    { value: "read:jira-work", meaning: "Read Jira projects and work items.", recommended: false, unconfirmed: true },
    { value: "offline_access", meaning: "Get a refresh token, so access continues without a new sign-in.", recommended: true },
  ],
  tokenBodyFormat: "json",
  extras: {
    auth: {
      params: [
        { name: "audience", value: "api.atlassian.com" },
        { name: "prompt", value: "consent" },
      ],
    },
  },
  variables: [],
  refreshTokenIdleDays: 90,
  refreshTokenMaxDays: 365,
  quirks: [
    "A token is not bound to one site: call /oauth/token/accessible-resources under the API Base URL to list the sites (cloud IDs) the user granted, then call /ex/jira/ followed by the cloud ID.",
    "Refresh tokens rotate: each refresh returns a new one and disables the old, and Latchkey stores the newest.",
    "Atlassian staff give refresh tokens 90 days of inactivity and 365 days in all; access tokens last about an hour.",
    "The token endpoint takes a JSON body, and it may answer an invalid_grant with HTTP 403.",
    "Atlassian wants one distributable 3LO app; having customers create their own 3LO apps breaches its security requirements.",
  ],
  unverified: [
    "No revocation endpoint was confirmed, so the preset leaves Revocation URL empty.",
    "PKCE support was not confirmed, so PKCE is off.",
    "Client Credentials for service accounts is described only by Nango, so it is not offered.",
    "The Jira scope names come only from third-party code, and Confluence scopes were not checked.",
  ],
  sources: [
    { title: "Atlassian: OAuth 2.0 (3LO) apps", url: "https://developer.atlassian.com/cloud/jira/platform/oauth-2-3lo-apps/" },
    { title: "Atlassian: Refresh tokens", url: "https://developer.atlassian.com/cloud/oauth/getting-started/refresh-tokens" },
    {
      title: "Atlassian developer community: refresh-token expiry",
      url: "https://community.developer.atlassian.com/t/refresh-token-expire-after-36000-seconds/60806/2",
    },
    { title: "jira.js: OAuth 2.0 authentication (third party)", url: "https://mrrefactoring.github.io/jira.js/guide/oauth2-authentication" },
    {
      title: "Nango providers.yaml (third party)",
      url: "https://github.com/NangoHQ/nango/blob/2f4c0af671e2ca1c43dd4e78f3c369218bf3fc87/packages/providers/providers.yaml",
    },
  ],
};
