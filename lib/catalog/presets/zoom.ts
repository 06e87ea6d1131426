import type { Preset } from "../types";

export const zoom: Preset = {
  id: "zoom",
  name: "Zoom",
  description: "Users of a Zoom account from the Zoom API, through a Server-to-Server OAuth app created in that account.",
  docsUrl: "https://developers.zoom.us/docs/rooms/s2s-oauth/",
  version: 2,
  grantType: "client_credentials",
  grantTypeValue: "account_credentials",
  grantNote:
    "Zoom's Server-to-Server OAuth is its version of Client Credentials: Grant type value account_credentials, with the Account ID as an extra token parameter and the client authenticating with the Basic header. The alternative is a user OAuth app: switch Grant type to Authorization Code and an account admin authorizes once.",
  authUrl: "https://zoom.us/oauth/authorize",
  tokenUrl: "https://zoom.us/oauth/token",
  revocationUrl: "https://zoom.us/oauth/revoke",
  apiBaseUrl: "https://api.zoom.us/v2",
  clientAuth: "basic",
  usePkce: false,
  scopeSeparator: " ",
  scopes: [
    {
      value: "user:read:list_users:admin",
      meaning: "List the account's users; add it to the app in the Zoom App Marketplace.",
      recommended: false,
      unconfirmed: true,
    },
    {
      value: "user:read:user:admin",
      meaning: "Read one user's details; add it to the app in the Zoom App Marketplace.",
      recommended: false,
      unconfirmed: true,
    },
  ],
  extras: { token: { params: [{ name: "account_id", value: "{account_id}" }] } },
  variables: [
    {
      name: "account_id",
      label: "Account ID",
      help: "Shown with the Client ID on the App Credentials page of the Server-to-Server OAuth app.",
      example: "AbCdEfGhIjKlMnOpQrStUv",
    },
  ],
  quirks: [
    "Scopes are chosen on the app in the Zoom App Marketplace and the Server-to-Server token request sends none, so the preset selects none.",
    "Server-to-Server tokens last one hour and come without a refresh token; several may be live at once, and all stop working when the app is deactivated.",
    "The listed scope names are Zoom's granular scopes; the classic equivalent is user:read:admin.",
    "In the user OAuth alternative each refresh returns a new refresh token and the old one stops working, which Latchkey handles by storing the newest.",
  ],
  unverified: [
    "The scope separator was not confirmed; the preset uses a space, and Server-to-Server requests send no scope anyway.",
    "PKCE support is named only by a third-party library, so PKCE is off.",
    "The revocation URL comes only from third-party sources.",
    "The scope names come only from third-party code and docs.",
    "Refresh-token rotation and a refresh-token lifetime of about 90 days for user OAuth apps come only from third-party sources, so no lifetime is filled.",
  ],
  sources: [
    { title: "Zoom: Server-to-Server OAuth", url: "https://developers.zoom.us/docs/rooms/s2s-oauth/" },
    { title: "Zoom: OAuth", url: "https://developers.zoom.us/docs/rooms/oauth/" },
    {
      title: "Zoom plugin: token lifecycle (third party)",
      url: "https://raw.githubusercontent.com/anthropics/knowledge-work-plugins/main/partner-built/zoom-plugin/skills/oauth/concepts/token-lifecycle.md",
    },
    { title: "Arctic: Zoom provider (third party)", url: "https://arcticjs.dev/providers/zoom" },
    {
      title: "Nango providers.yaml (third party)",
      url: "https://github.com/NangoHQ/nango/blob/2f4c0af671e2ca1c43dd4e78f3c369218bf3fc87/packages/providers/providers.yaml",
    },
  ],
};
