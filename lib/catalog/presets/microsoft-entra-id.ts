import type { Preset } from "../types";

export const microsoftEntraId: Preset = {
  id: "microsoft-entra-id",
  name: "Microsoft Entra ID",
  description: "Users and groups from Microsoft Graph, read by the app itself with application permissions (no person signs in).",
  docsUrl: "https://learn.microsoft.com/en-us/entra/identity-platform/v2-oauth2-client-creds-grant-flow",
  version: 1,
  grantType: "client_credentials",
  grantNote:
    "Client Credentials with Graph application permissions granted by admin consent. Authorization Code also works (add offline_access to get a refresh token).",
  authUrl: "https://login.microsoftonline.com/{tenant}/oauth2/v2.0/authorize",
  tokenUrl: "https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token",
  apiBaseUrl: "https://graph.microsoft.com/v1.0",
  clientAuth: "body",
  usePkce: true,
  scopeSeparator: " ",
  scopes: [
    {
      value: "https://graph.microsoft.com/.default",
      meaning: "Every Graph application permission an admin granted to the app (User.Read.All for users).",
      recommended: true,
    },
  ],
  refreshIncludesScope: true,
  variables: [
    {
      name: "tenant",
      label: "Tenant",
      help: "The Directory (tenant) ID or a verified domain, from the app registration's Overview page. Client Credentials needs your own tenant, not common.",
      example: "contoso.onmicrosoft.com",
    },
  ],
  quirks: [
    "Grant the application permission User.Read.All (least privilege for listing users) and click Grant admin consent; Directory.Read.All is broader.",
    "Client Credentials never returns a refresh token: Latchkey obtains a new access token when the current one is due.",
    "The scope must be one resource's /.default; scopes of two resources cannot be mixed in one request.",
    "Each refresh in the Authorization Code flow returns a new refresh token, which Latchkey stores in place of the old one.",
  ],
  unverified: [
    "No RFC 7009 revocation endpoint is documented in the pages read, so the preset leaves Revocation URL empty.",
    "Which application permission is least privileged for reading groups (Group.Read.All or GroupMember.Read.All) was not checked.",
  ],
  sources: [
    {
      title: "Microsoft identity platform: client credentials flow",
      url: "https://learn.microsoft.com/en-us/entra/identity-platform/v2-oauth2-client-creds-grant-flow",
    },
    {
      title: "Microsoft identity platform: authorization code flow",
      url: "https://learn.microsoft.com/en-us/entra/identity-platform/v2-oauth2-auth-code-flow",
    },
    { title: "Microsoft Graph: List users (permissions)", url: "https://learn.microsoft.com/en-us/graph/api/user-list" },
  ],
};
