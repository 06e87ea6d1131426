import type { Preset } from "../types";

export const jamfPro: Preset = {
  id: "jamf-pro",
  name: "Jamf Pro",
  description: "Computers, mobile devices and users from the Jamf Pro API, through an API Client whose API Roles grant read privileges.",
  docsUrl: "https://developer.jamf.com/jamf-pro/docs/client-credentials",
  version: 1,
  grantType: "client_credentials",
  grantNote: "Client Credentials, the only grant Jamf Pro API Clients use (Jamf Pro 10.49.0 or later).",
  tokenUrl: "https://{jamf_host}/api/oauth/token",
  apiBaseUrl: "https://{jamf_host}/api",
  clientAuth: "body",
  usePkce: false,
  scopeSeparator: " ",
  scopes: [],
  variables: [
    {
      name: "jamf_host",
      label: "Jamf Pro host",
      help: "The host name of your Jamf Pro server, without https:// (a self-hosted server uses its own host).",
      example: "yourcompany.jamfcloud.com",
    },
  ],
  quirks: [
    "Create an API Role with read privileges (such as Read Computers, Read Mobile Devices, Read Users), then an API Client holding that role; enable the client and generate its secret.",
    "Privileges come from the API Roles, not from scopes, so the token request sends no scope.",
    "Disabling or deleting an API Client does not revoke tokens already issued: they stay valid until they expire.",
    "API authentication does not support SSO.",
  ],
  unverified: [
    "No revocation endpoint for Client Credentials tokens was found (Jamf documents invalidate-token only for its user bearer tokens), so the preset leaves Revocation URL empty.",
    "The token path is /api/oauth/token in a Jamf example quoted by a Jamf engineer and /api/v1/oauth/token in Nango; if the first fails, try the second on your Jamf Pro version.",
    "The access-token lifetime setting was not checked.",
  ],
  sources: [
    { title: "Jamf Pro: Client credentials", url: "https://developer.jamf.com/jamf-pro/docs/client-credentials" },
    { title: "Notes on Jamf Pro API Roles and Clients (third party)", url: "https://dev.to/brysontyrrell/notes-on-jamf-pro-api-roles-and-clients-14i6" },
    {
      title: "GitGuardian: Jamf OAuth credentials (third party)",
      url: "https://docs.gitguardian.com/secrets-detection/secrets-detection-engine/detectors/specifics/jamf_oauth_credentials",
    },
    { title: "Jamf Pro developer portal", url: "https://developer.jamf.com/jamf-pro" },
    {
      title: "Nango providers.yaml (third party)",
      url: "https://github.com/NangoHQ/nango/blob/2f4c0af671e2ca1c43dd4e78f3c369218bf3fc87/packages/providers/providers.yaml",
    },
  ],
};
