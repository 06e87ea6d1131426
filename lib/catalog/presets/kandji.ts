import type { Preset } from "../types";

/** No OAuth: a static API token sent as `Authorization: Bearer …` (SECURITY 43). */
export const kandji: Preset = {
  id: "kandji",
  name: "Kandji",
  description: "Devices, users and blueprints from the Kandji (now Iru) API of one tenant, with an API token whose permissions are set in Kandji.",
  docsUrl: "https://support.kandji.io/support/solutions/articles/72000560412-kandji-api",
  version: 1,
  credentialType: "api_key",
  authPlacement: "header",
  apiKeyHeader: "Authorization",
  headerPrefix: "Bearer",
  // A static credential runs no grant; these fields are not used.
  grantType: "client_credentials",
  clientAuth: "basic",
  usePkce: false,
  scopeSeparator: " ",
  scopes: [],
  apiBaseUrl: "https://{subdomain}.kandji.io/api/v1",
  variables: [
    {
      name: "subdomain",
      label: "API subdomain",
      help: "The text before .kandji.io in the API URL shown under Settings, Access, API Token (acme.api in https://acme.api.kandji.io).",
      example: "acme.api",
    },
  ],
  quirks: [
    "Kandji has no OAuth: create an API token under Settings, Access, API Token and paste it as the API key; it is shown only once.",
    "Permissions are chosen per API token, so give the token only the read permissions the sync job needs.",
    "Kandji has been renamed Iru; its own tooling now calls these Iru API tokens.",
    "The token has no expiry Latchkey can see, and Latchkey cannot revoke it: delete it in Kandji to end access, then enter a new one here.",
  ],
  unverified: [
    "The API host of tenants outside the US was not confirmed; if yours differs, type the text before .kandji.io as the API subdomain or edit the API Base URL.",
    "The /api/v1 path of the API Base URL comes from third-party integrations, not from a Kandji page read for this preset.",
  ],
  sources: [
    { title: "Kandji: Kandji API", url: "https://support.kandji.io/support/solutions/articles/72000560412-kandji-api" },
    { title: "iructl: Token permissions", url: "https://github.com/kandji-inc/iructl/wiki/Token-Permissions" },
    { title: "Nango: Kandji connection (third party)", url: "https://nango.dev/docs/integrations/all/kandji/connect" },
    {
      title: "Nango providers.yaml (third party)",
      url: "https://github.com/NangoHQ/nango/blob/2f4c0af671e2ca1c43dd4e78f3c369218bf3fc87/packages/providers/providers.yaml",
    },
  ],
};
