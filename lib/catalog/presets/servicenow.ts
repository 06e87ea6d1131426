import type { Preset } from "../types";

export const serviceNow: Preset = {
  id: "servicenow",
  name: "ServiceNow",
  description: "Records from a ServiceNow instance's REST APIs (users, CMDB, incidents), read as the OAuth Application User an admin picks.",
  docsUrl: "https://docs.servicenow.com/bundle/washingtondc-platform-security/page/integrate/authentication/concept/client-credentials.html",
  version: 1,
  grantType: "client_credentials",
  grantNote:
    "Client Credentials, available from the Washington DC release once an instance admin turns it on (see the quirks). Otherwise switch Grant type to Authorization Code: a user signs in and the tokens act as that user.",
  authUrl: "https://{instance}.service-now.com/oauth_auth.do",
  tokenUrl: "https://{instance}.service-now.com/oauth_token.do",
  apiBaseUrl: "https://{instance}.service-now.com/api/now",
  clientAuth: "body",
  usePkce: false,
  scopeSeparator: " ",
  scopes: [
    {
      value: "useraccount",
      meaning: "The default scope commonly seen on ServiceNow OAuth clients: the access of the user the token acts as.",
      recommended: false,
      unconfirmed: true,
    },
  ],
  variables: [
    {
      name: "instance",
      label: "Instance",
      help: "The instance name, as in https://acme.service-now.com (an instance on a custom domain needs its whole host typed into the URLs instead).",
      example: "acme",
    },
  ],
  refreshTokenMaxDays: 100,
  quirks: [
    "Client Credentials is off by default: create the system property glide.oauth.inbound.client.credential.grant_type.enabled set to true.",
    "Add the OAuth Application User field to the Application Registry form and pick the user the token acts as; limit its access with a REST API Auth Scope.",
    "By default access tokens last 30 minutes and refresh tokens 100 days; both can be changed per Application Registry entry.",
    "Client Credentials returns no refresh token, so the refresh-token lifetime matters only for the Authorization Code alternative.",
    "The password grant appears in third-party connector docs; it is legacy and best avoided.",
  ],
  unverified: [
    "No revocation endpoint was found, so the preset leaves Revocation URL empty.",
    "PKCE support was not confirmed, so PKCE is off.",
    "Scope names were not confirmed: useraccount is only commonly seen, so it is listed but not selected.",
    "The scope separator was not confirmed; the preset uses a space.",
    "Client authentication in the body rests on Nango and a truncated ServiceNow knowledge-base excerpt.",
    "The password grant is seen only in third-party docs and is not offered.",
  ],
  sources: [
    {
      title: "ServiceNow: client credentials (Washington DC)",
      url: "https://docs.servicenow.com/bundle/washingtondc-platform-security/page/integrate/authentication/concept/client-credentials.html",
    },
    {
      title: "ServiceNow: add an OAuth Application User (Xanadu)",
      url: "https://docs.servicenow.com/bundle/xanadu-platform-security/page/integrate/authentication/task/add-oauth-application-user.html",
    },
    { title: "ServiceNow KB0964444: authorization code example", url: "https://support.servicenow.com/kb?id=kb_article_view&sysparm_article=KB0964444" },
    { title: "ServiceNow KB0791140: token lifetimes", url: "https://support.servicenow.com/kb?id=kb_article_view&sysparm_article=KB0791140" },
    {
      title: "Informatica: configuring the ServiceNow connection (third party)",
      url: "https://onlinehelp.informatica.com/IICS/prod/CAI/en/fr-sync-sf-cases-with-sn-incidents-based-on-platform-events/Configuring_and_publishing_the_ServiceNow_connection.html",
    },
    {
      title: "Nango providers.yaml (third party)",
      url: "https://github.com/NangoHQ/nango/blob/2f4c0af671e2ca1c43dd4e78f3c369218bf3fc87/packages/providers/providers.yaml",
    },
  ],
};
