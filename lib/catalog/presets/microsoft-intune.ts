import type { Preset } from "../types";

export const microsoftIntune: Preset = {
  id: "microsoft-intune",
  name: "Microsoft Intune",
  description: "Managed devices from Microsoft Graph, read by the app itself with application permissions (no person signs in).",
  docsUrl: "https://learn.microsoft.com/en-us/graph/api/intune-devices-manageddevice-list",
  version: 1,
  grantType: "client_credentials",
  grantNote:
    "Client Credentials with the Graph application permission granted by admin consent. Authorization Code also works (add offline_access to get a refresh token).",
  authUrl: "https://login.microsoftonline.com/{tenant}/oauth2/v2.0/authorize",
  tokenUrl: "https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token",
  apiBaseUrl: "https://graph.microsoft.com/v1.0",
  clientAuth: "body",
  usePkce: true,
  scopeSeparator: " ",
  scopes: [
    {
      value: "https://graph.microsoft.com/.default",
      meaning: "Every Graph application permission an admin granted to the app (DeviceManagementManagedDevices.Read.All for devices).",
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
    "Grant the application permission DeviceManagementManagedDevices.Read.All (least privilege for listing managed devices) and click Grant admin consent.",
    "The tenant needs an active Intune license for the Graph Intune API to answer.",
    "Managed devices are listed at /deviceManagement/managedDevices under the API Base URL.",
    "Personal Microsoft accounts are not supported.",
    "The token service is the same as Microsoft Entra ID: Client Credentials never returns a refresh token, and Latchkey obtains a new access token when the current one is due.",
  ],
  unverified: ["No RFC 7009 revocation endpoint is documented in the pages read, so the preset leaves Revocation URL empty."],
  sources: [
    { title: "Microsoft Graph: List managedDevices", url: "https://learn.microsoft.com/en-us/graph/api/intune-devices-manageddevice-list" },
    {
      title: "Microsoft identity platform: client credentials flow",
      url: "https://learn.microsoft.com/en-us/entra/identity-platform/v2-oauth2-client-creds-grant-flow",
    },
    {
      title: "Nango providers.yaml (third party)",
      url: "https://github.com/NangoHQ/nango/blob/2f4c0af671e2ca1c43dd4e78f3c369218bf3fc87/packages/providers/providers.yaml",
    },
  ],
};
