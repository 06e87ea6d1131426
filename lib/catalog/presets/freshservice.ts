import type { Preset } from "../types";

/** No OAuth: the agent's API key as the Basic Auth user name, with X as the password (SECURITY 43). */
export const freshservice: Preset = {
  id: "freshservice",
  name: "Freshservice",
  description: "Agents, requesters, assets and tickets from the Freshservice REST API v2 of one account, with an agent's API key.",
  docsUrl: "https://api.freshservice.com/v2/#authentication",
  version: 1,
  credentialType: "basic",
  // A static credential runs no grant; these fields are not used.
  grantType: "client_credentials",
  clientAuth: "basic",
  usePkce: false,
  scopeSeparator: " ",
  scopes: [],
  apiBaseUrl: "https://{subdomain}.freshservice.com/api/v2",
  variables: [
    {
      name: "subdomain",
      label: "Subdomain",
      help: "The part before .freshservice.com in your Freshservice address (acme in acme.freshservice.com).",
      example: "acme",
    },
  ],
  quirks: [
    "Enter the agent's API key as the user name and X as the password: Freshservice reads only the key.",
    "The API key carries the permissions of the agent it belongs to, so use an agent that can read what the sync job needs.",
    "Freshworks stopped accepting user names and passwords for API calls on 31 August 2021: only the API key works.",
    "The key has no expiry Latchkey can see, and Latchkey cannot revoke it: end access in Freshservice (for example by deactivating the agent), then enter a new key here.",
  ],
  unverified: [
    "That the REST API has no OAuth 2.0 sign-in is concluded only from its absence in the sources reviewed.",
    "Rate limits are counted per minute and depend on the plan, according to a third-party guide.",
  ],
  sources: [
    { title: "Freshservice API v2: Authentication", url: "https://api.freshservice.com/v2/#authentication" },
    {
      title: "Freshworks: API key based authentication",
      url: "https://support.freshdesk.com/en/support/solutions/articles/50000003346-api-key-based-authentication",
    },
    { title: "n8n: Freshservice credentials (third party)", url: "https://docs.n8n.io/integrations/builtin/credentials/freshservice.md" },
    { title: "Truto: Freshservice API guide (third party)", url: "https://preview.truto.one/blog/how-do-i-integrate-with-the-freshservice-api-2026-guide" },
    {
      title: "Nango providers.yaml (third party)",
      url: "https://github.com/NangoHQ/nango/blob/2f4c0af671e2ca1c43dd4e78f3c369218bf3fc87/packages/providers/providers.yaml",
    },
  ],
};
