import type { Preset } from "../types";

export const box: Preset = {
  id: "box",
  name: "Box",
  description: "Users and content of a Box enterprise, read by the app's Service Account through the Client Credentials Grant.",
  docsUrl: "https://developer.box.com/guides/authentication/client-credentials/",
  version: 1,
  grantType: "client_credentials",
  grantNote:
    "Client Credentials with a Server Authentication app and box_subject_type=enterprise. Authorization Code (a user signs in) is the alternative. Box's JWT app type is not offered: its assertion needs a box_sub_type claim that Latchkey's JWT Bearer does not add, and Client Credentials reaches the same Service Account.",
  authUrl: "https://account.box.com/api/oauth2/authorize",
  tokenUrl: "https://api.box.com/oauth2/token",
  revocationUrl: "https://api.box.com/oauth2/revoke",
  apiBaseUrl: "https://api.box.com/2.0",
  clientAuth: "body",
  usePkce: false,
  scopeSeparator: " ",
  scopes: [
    { value: "root_readonly", meaning: "Read all files and folders; enable it on the app in the Developer Console.", recommended: false },
    {
      value: "manage_managed_users",
      meaning: "List and manage the enterprise's managed users (Manage users in the Developer Console); enable it there.",
      recommended: false,
    },
  ],
  extras: {
    token: {
      params: [
        { name: "box_subject_type", value: "enterprise" },
        { name: "box_subject_id", value: "{enterprise_id}" },
      ],
    },
  },
  variables: [
    {
      name: "enterprise_id",
      label: "Enterprise ID",
      help: "Shown in the Box Admin Console under Account & Billing.",
      example: "1234567",
    },
  ],
  refreshTokenIdleDays: 60,
  quirks: [
    "A Box admin must authorize the app in the Admin Console before any token is issued.",
    "Scopes are set on the app in the Developer Console, not in the token request, so the preset selects none.",
    "Client Credentials tokens last 60 minutes and come without a refresh token.",
    "Subject enterprise gives a token for the app's Service Account; subject user also needs App + Enterprise Access and Generate User Access Tokens enabled.",
    "In the Authorization Code alternative, refresh tokens last 60 days and are single use: each refresh returns a new pair, which Latchkey stores.",
  ],
  unverified: [
    "PKCE support was not confirmed, so PKCE is off.",
    "The scope separator was not confirmed; the preset uses a space, and Client Credentials requests send no scope anyway.",
    "The Auth URL, used only by the Authorization Code alternative, comes only from Nango.",
  ],
  sources: [
    { title: "Box: Client Credentials Grant", url: "https://developer.box.com/guides/authentication/client-credentials/" },
    { title: "Box: Refresh a token", url: "https://developer.box.com/guides/authentication/tokens/refresh" },
    { title: "Box: Revoke access token", url: "https://developer.box.com/reference/post-oauth2-revoke" },
    { title: "Box: Access tokens", url: "https://developer.box.com/guides/authentication/tokens/access-tokens/" },
    {
      title: "Nango providers.yaml (third party)",
      url: "https://github.com/NangoHQ/nango/blob/2f4c0af671e2ca1c43dd4e78f3c369218bf3fc87/packages/providers/providers.yaml",
    },
  ],
};
