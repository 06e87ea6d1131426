import type { Preset } from "../types";

export const notion: Preset = {
  id: "notion",
  name: "Notion",
  description: "Pages, databases and users a Notion workspace shares with a public connection, through the Notion API.",
  docsUrl: "https://developers.notion.com/reference/create-a-token",
  version: 1,
  grantType: "authorization_code",
  grantNote: "Authorization Code with a public connection; the person who authorizes picks the pages the connection may read.",
  authUrl: "https://api.notion.com/v1/oauth/authorize",
  tokenUrl: "https://api.notion.com/v1/oauth/token",
  apiBaseUrl: "https://api.notion.com/v1",
  clientAuth: "basic",
  usePkce: false,
  scopeSeparator: " ",
  scopes: [],
  tokenBodyFormat: "json",
  extras: { auth: { params: [{ name: "owner", value: "user" }] } },
  variables: [],
  metadata: [
    { source: "token", name: "workspace_id", meaning: "The ID of the workspace that authorized the connection." },
    { source: "token", name: "workspace_name", meaning: "The name of the workspace that authorized the connection." },
    { source: "token", name: "bot_id", meaning: "The ID of the connection's bot user in that workspace." },
  ],
  quirks: [
    "The token endpoint takes HTTP Basic client authentication and a JSON body.",
    "Each refresh returns a new access token and a new refresh token, which Latchkey stores.",
    "Every API call needs a Notion-Version header.",
  ],
  unverified: [
    "The revocation URL was not confirmed (a candidate, not confirmed by Notion, is https://api.notion.com/v1/oauth/revoke), so the preset leaves Revocation URL empty.",
    "PKCE support was not confirmed, so PKCE is off.",
    "Notion appears to take no scope parameter, its capabilities being set on the connection instead; this was not confirmed, so no scopes are listed.",
    "The scope separator was not confirmed; it does not matter while no scope is sent.",
    "The Auth URL comes from an SDK guide and Nango.",
    "Whether access tokens expire was not confirmed: the vendor's example has no expires_in.",
  ],
  sources: [
    { title: "Notion: Create a token", url: "https://developers.notion.com/reference/create-a-token" },
    { title: "Notion: Refresh a token", url: "https://developers.notion.com/reference/refresh-a-token" },
    { title: "Notion SDK OAuth guide (third party)", url: "https://www.mintlify.com/makenotion/notion-sdk-js/guides/oauth" },
    {
      title: "Nango providers.yaml (third party)",
      url: "https://github.com/NangoHQ/nango/blob/2f4c0af671e2ca1c43dd4e78f3c369218bf3fc87/packages/providers/providers.yaml",
    },
  ],
};
