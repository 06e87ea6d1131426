import type { Preset } from "../types";

export const adobe: Preset = {
  id: "adobe-ims",
  name: "Adobe",
  description: "Users of an Adobe organisation from the User Management API, through an OAuth Server-to-Server credential.",
  docsUrl: "https://developer.adobe.com/developer-console/docs/guides/authentication/ServerToServerAuthentication/ims",
  version: 1,
  grantType: "client_credentials",
  grantNote:
    "Client Credentials with an OAuth Server-to-Server credential. The older Service Account (JWT) credentials are deprecated; user OAuth (Web App) is the alternative.",
  authUrl: "https://ims-na1.adobelogin.com/ims/authorize/v2",
  tokenUrl: "https://ims-na1.adobelogin.com/ims/token/v3",
  clientAuth: "body",
  usePkce: false,
  scopeSeparator: ",",
  scopes: [
    { value: "openid", meaning: "Required by the User Management API credential.", recommended: true },
    { value: "AdobeID", meaning: "Required by the User Management API credential.", recommended: true },
    { value: "user_management_sdk", meaning: "Read and manage the organisation's users.", recommended: true },
  ],
  variables: [],
  quirks: [
    "Scopes are comma-separated, and the Server-to-Server token request must carry them.",
    "Server-to-Server tokens last about 24 hours and come without a refresh token; Latchkey requests a new one when due.",
    "Every User Management API call also needs an x-api-key header holding the Client ID, and the organisation ID (ending in @AdobeOrg) in the path.",
    "Only an organisation System Admin can create the User Management API integration.",
    "The User Management API docs still show /ims/token/v2; the current IMS reference uses /ims/token/v3.",
  ],
  unverified: [
    "No revocation endpoint was confirmed, so the preset leaves Revocation URL empty.",
    "PKCE support was not confirmed, so PKCE is off.",
    "The Auth URL for the user OAuth (Web App) alternative comes only from Nango, and its refresh behaviour was not checked.",
  ],
  sources: [
    {
      title: "Adobe: OAuth Server-to-Server credential (IMS)",
      url: "https://developer.adobe.com/developer-console/docs/guides/authentication/ServerToServerAuthentication/ims",
    },
    { title: "Adobe User Management API: authentication", url: "https://adobe-apiplatform.github.io/umapi-documentation/en/UM_Authentication" },
    {
      title: "Adobe Experience League: server-to-server auth",
      url: "https://experienceleague.adobe.com/en/docs/experience-manager-learn/cloud-service/developing/extensibility/app-builder/server-to-server-auth",
    },
    {
      title: "Nango providers.yaml (third party)",
      url: "https://github.com/NangoHQ/nango/blob/2f4c0af671e2ca1c43dd4e78f3c369218bf3fc87/packages/providers/providers.yaml",
    },
  ],
};
