import type { Preset } from "../types";

export const googleWorkspace: Preset = {
  id: "google-workspace",
  name: "Google Workspace",
  description: "Users, groups and devices from the Admin SDK Directory API, read with the consent of a Workspace admin.",
  docsUrl: "https://developers.google.com/identity/protocols/oauth2/web-server",
  version: 2,
  grantType: "authorization_code",
  jwtScopeIn: "claim",
  grantNote:
    "Authorization Code: a Workspace admin consents once, and access_type=offline with prompt=consent makes Google return a refresh token. The non-interactive alternative is a service account with domain-wide delegation: switch Grant type to JWT Bearer, paste the service account's JSON key (it fills Private Key, Key ID, JWT Issuer and the Access Token URL) and set JWT Subject to the admin user to act as; the scopes go in the assertion as a claim.",
  issuerUrl: "https://accounts.google.com",
  authUrl: "https://accounts.google.com/o/oauth2/v2/auth",
  tokenUrl: "https://oauth2.googleapis.com/token",
  revocationUrl: "https://oauth2.googleapis.com/revoke",
  apiBaseUrl: "https://admin.googleapis.com/admin/directory/v1",
  clientAuth: "body",
  usePkce: true,
  scopeSeparator: " ",
  scopes: [
    { value: "https://www.googleapis.com/auth/admin.directory.user.readonly", meaning: "Read users in the Workspace directory.", recommended: true },
    { value: "https://www.googleapis.com/auth/admin.directory.group.readonly", meaning: "Read groups and their members.", recommended: true },
    { value: "https://www.googleapis.com/auth/admin.directory.device.chromeos.readonly", meaning: "Read managed ChromeOS devices.", recommended: true },
    { value: "https://www.googleapis.com/auth/admin.directory.device.mobile.readonly", meaning: "Read managed mobile devices.", recommended: true },
  ],
  extras: {
    auth: {
      params: [
        { name: "access_type", value: "offline" },
        { name: "prompt", value: "consent" },
      ],
    },
  },
  variables: [],
  quirks: [
    "Google returns a refresh token only with access_type=offline, and only on a fresh consent, which prompt=consent forces.",
    "Refresh responses carry no new refresh token: Latchkey keeps the one it has.",
    "The admin who authorizes must hold the Admin privileges that match the scopes, because Directory API calls are made as that user.",
    "Google silently invalidates the oldest refresh token when a user has too many live ones for the same client, so avoid authorizing the same client over and over.",
    "The discovery document lists both client_secret_post and client_secret_basic, so Basic client authentication works too.",
    "For the JWT Bearer alternative, a super admin allows the service account's client ID and the scopes under Security, Access and data control, API controls, Domain-wide delegation in the Admin console; Google's service-account tokens last an hour and come without a refresh token, so Latchkey signs a new assertion each time.",
  ],
  unverified: [
    "The current cap on live refresh tokens per user and client was not confirmed (an older third-party source says 50).",
    "Whether Google limits these refresh tokens in time (refresh_token_expires_in, time-based access) was not checked.",
  ],
  sources: [
    { title: "Google: Using OAuth 2.0 for Web Server Applications", url: "https://developers.google.com/accounts/docs/OAuth" },
    { title: "Google: OpenID Connect reference (discovery document)", url: "https://developers.google.com/identity/openid-connect/reference" },
    {
      title: "Copy of Google's openid-configuration (third party)",
      url: "https://github.com/iamgbsmith/til/blob/master/security/get-openid-connect-provider-configuration.md",
    },
    { title: "Google Admin SDK: Directory API scopes", url: "https://developers.google.com/admin-sdk/directory/v1/guides/authorizing" },
    {
      title: "Google .NET client: Directory API scope constants",
      url: "https://googleapis.dev/dotnet/Google.Apis.Admin.Directory.directory_v1/latest/api/Google.Apis.Admin.Directory.directory_v1.DirectoryService.ScopeConstants.html",
    },
    {
      title: "Stack Overflow: not receiving a Google OAuth refresh token (third party)",
      url: "https://stackoverflow.com/questions/10827920/not-receiving-google-oauth-refresh-token",
    },
    { title: "Google refresh token common questions (third party)", url: "https://usefulangle.com/post/51/google-refresh-token-common-questions" },
    { title: "google-auth: service accounts", url: "https://google-auth.readthedocs.io/en/latest/reference/google.oauth2.service_account.html" },
    { title: "Google: domain-wide delegation", url: "https://developers.google.com/cloud-search/docs/guides/delegation" },
    {
      title: "Nango providers.yaml (third party)",
      url: "https://github.com/NangoHQ/nango/blob/2f4c0af671e2ca1c43dd4e78f3c369218bf3fc87/packages/providers/providers.yaml",
    },
  ],
};
