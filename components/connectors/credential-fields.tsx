"use client";

import { useFormContext, useWatch } from "react-hook-form";
import type { ConnectorFormValues } from "@/lib/connectors/schema";
import { ClientSecretField } from "./client-secret-field";
import { CheckboxField, RadioGroup, TextField } from "./controls";
import { IssuerDiscovery } from "./issuer-discovery";
import { JwtBearerFields } from "./jwt-bearer-fields";
import { CLIENT_AUTH_OPTIONS, CREDENTIAL_TYPE_OPTIONS, GRANT_TYPE_OPTIONS, PLACEMENT_OPTIONS } from "./labels";
import { RedirectUriField } from "./redirect-uri-field";
import { ScopeField } from "./scope-field";
import { SigningKeyFields } from "./signing-key-fields";
import { ApiKeyField, ApiKeyHeaderField, BasicAuthFields } from "./static-credential-fields";
import { Card } from "@/components/ui/card";

export interface SecretState {
  secretSet: boolean;
  replacing: boolean;
  onReplacingChange: (replacing: boolean) => void;
  /** A vendor URL moved to another origin: the stored secret may not go there, so it must be entered again. */
  secretAgain: boolean;
}

/** "Add auth data to" and what goes with it. Basic Auth always uses the Authorization header (RFC 7617), so it has none. */
function PlacementFields({ apiKey }: { apiKey: boolean }) {
  const { control } = useFormContext<ConnectorFormValues>();
  const placement = useWatch({ control, name: "authPlacement" });
  return (
    <>
      <RadioGroup
        name="authPlacement"
        legend="Add auth data to"
        help={apiKey ? "Where the API key goes when sync jobs call the vendor's API." : "Where the access token goes when sync jobs call the vendor's API."}
        options={PLACEMENT_OPTIONS}
      />
      {placement === "query" && (
        <TextField
          name="queryParamName"
          label="Query Parameter Name"
          required
          help="The URL parameter that carries the token. Most vendors that accept this use access_token."
        />
      )}
      {placement === "header" && apiKey && <ApiKeyHeaderField />}
      {placement === "header" && (
        <TextField
          name="headerPrefix"
          label="Header Prefix"
          help={
            apiKey
              ? "Written before the key, like Bearer (Kandji). Leave it empty to send the key alone, as X-Api-Key headers usually want."
              : "Written before the token in the Authorization header, usually Bearer. Leave it empty to send the token alone."
          }
        />
      )}
    </>
  );
}

/** The OAuth 2.0 fields: grant, endpoints, client, scopes, client authentication and signing key. */
function OAuthFields({ secret }: { secret: SecretState }) {
  const { control } = useFormContext<ConnectorFormValues>();
  const grantType = useWatch({ control, name: "grantType" });
  const clientAuth = useWatch({ control, name: "clientAuth" });
  const refreshUrl = useWatch({ control, name: "refreshUrl" }) ?? "";
  const authCode = grantType === "authorization_code";
  const jwtBearer = grantType === "jwt_bearer";
  const signedJwt = clientAuth === "private_key_jwt";
  return (
    <>
      <RadioGroup
        name="grantType"
        legend="Grant Type"
        help="Authorization Code: an admin approves access once at the vendor. Client Credentials: Latchkey signs in as the app itself, with no person involved. JWT Bearer: a service account signs a JWT for its token (Google, DocuSign, Box)."
        options={GRANT_TYPE_OPTIONS}
      />
      <IssuerDiscovery />
      {authCode && (
        <TextField name="authUrl" type="url" label="Auth URL" required help="The vendor's authorization endpoint, where an admin is sent to approve access." />
      )}
      <TextField name="tokenUrl" type="url" label="Access Token URL" required help="The vendor's token endpoint, where Latchkey gets tokens." />
      <TextField
        name="clientId"
        label="Client ID"
        required={!jwtBearer}
        help={
          jwtBearer
            ? "Optional for JWT Bearer: only for vendors that also want the app identified (Box, DocuSign). Issued by the vendor's developer console."
            : "Issued by the vendor when you registered the app in its developer console."
        }
      />
      {(!signedJwt || secret.secretAgain) && <ClientSecretField {...secret} required={grantType === "client_credentials" || secret.secretAgain} />}
      <ScopeField />
      <RadioGroup
        name="clientAuth"
        legend="Client Authentication"
        help="How Latchkey proves the app's identity to the token endpoint: one way, never both. Basic Auth is the OAuth 2.0 default. Signed JWT sends an assertion signed with the app's private key instead of a secret (RFC 7523 §2.2; Okta service apps)."
        options={CLIENT_AUTH_OPTIONS}
      />
      {signedJwt && !jwtBearer && (
        <fieldset className="min-w-0 space-y-4 rounded-md border border-border p-4">
          <legend className="px-1 text-sm font-semibold text-foreground">Signed JWT client authentication</legend>
          <p className="text-xs text-muted-foreground">
            Each token, refresh and revocation request carries a short-lived JWT signed with this key (iss and sub: the Client ID; aud: the Access Token URL).
          </p>
          <SigningKeyFields required={grantType === "client_credentials"} purpose="Signs the client assertions." />
        </fieldset>
      )}
      {jwtBearer && <JwtBearerFields />}
      {signedJwt && jwtBearer && (
        <p className="text-xs text-muted-foreground">Signed JWT client authentication uses the Private Key of the JWT Bearer assertion above.</p>
      )}
      <TextField
        name="refreshUrl"
        type="url"
        label="Refresh Token URL"
        help={
          refreshUrl.trim() === ""
            ? "Optional. Empty, so tokens are refreshed at the Access Token URL."
            : "Optional. Tokens are refreshed here instead of at the Access Token URL."
        }
      />
    </>
  );
}

/**
 * The mission's field table, in its order, after the Credential Type. Fields that do not apply to
 * the current choices are hidden but keep their values. Two fieldsets, so that in read-only mode
 * the Redirect URI's Copy button between them stays usable.
 */
export function CredentialFields({ readOnly, redirectUri, secret }: { readOnly: boolean; redirectUri: string; secret: SecretState }) {
  const { control } = useFormContext<ConnectorFormValues>();
  const credentialType = useWatch({ control, name: "credentialType" }) ?? "oauth2";
  const grantType = useWatch({ control, name: "grantType" });
  const oauth = credentialType === "oauth2";
  const authCode = oauth && grantType === "authorization_code";

  return (
    <Card padding="lg" className="space-y-5">
      <fieldset disabled={readOnly} className="min-w-0 space-y-5">
        <TextField name="name" label="Name" required help="Unique. How this connector appears in the list, on the dashboard and in the history." />
        <RadioGroup
          name="credentialType"
          legend="Credential Type"
          help="OAuth 2.0: Latchkey gets and renews tokens at the vendor. API Key and Basic Auth: the vendor has no OAuth; Latchkey stores the credential encrypted and hands it out the same way."
          options={CREDENTIAL_TYPE_OPTIONS}
        />
        {credentialType === "api_key" && <ApiKeyField />}
        {credentialType === "basic" && <BasicAuthFields />}
        {credentialType !== "basic" && <PlacementFields apiKey={credentialType === "api_key"} />}
        {oauth && <OAuthFields secret={secret} />}
        <TextField
          name="apiBaseUrl"
          type="url"
          label="API Base URL"
          help="Optional. The root of the vendor's API that sync jobs call, for example https://api.vendor.example.com/v2."
        />
      </fieldset>
      {oauth && <RedirectUriField redirectUri={redirectUri} used={authCode} />}
      {authCode && (
        <fieldset disabled={readOnly} className="min-w-0">
          <CheckboxField
            name="usePkce"
            label="Use PKCE"
            help="Adds a one-time S256 code challenge to each authorization (RFC 7636). Turn it off only for a vendor that rejects it."
          />
        </fieldset>
      )}
    </Card>
  );
}
