"use client";

import { RadioGroup, TextField } from "./controls";
import { GoogleKeyPaste } from "./google-key-paste";
import { JWT_SCOPE_OPTIONS } from "./labels";
import { SigningKeyFields } from "./signing-key-fields";

/**
 * The JWT Bearer grant (RFC 7523 §2.1), for service accounts: Latchkey signs an assertion
 * (iss = JWT Issuer, sub = JWT Subject, aud = JWT Audience or the Access Token URL) and trades it
 * for an access token. There is no refresh token: a new assertion is signed each time.
 */
export function JwtBearerFields() {
  return (
    <fieldset className="min-w-0 space-y-4 rounded-md border border-border p-4">
      <legend className="px-1 text-sm font-semibold text-foreground">JWT Bearer assertion</legend>
      <p className="text-xs text-muted-foreground">
        Latchkey signs a short-lived JWT with the private key and exchanges it at the Access Token URL, like Client Credentials: no browser, no refresh token.
      </p>
      <GoogleKeyPaste />
      <SigningKeyFields required purpose="Signs the assertion." />
      <TextField name="jwtIssuer" label="JWT Issuer" required help="The iss claim: the service account or app that signs, for example Google's client_email." />
      <TextField
        name="jwtSubject"
        label="JWT Subject"
        help="Optional. The sub claim: the user the service account acts as, for example an admin's email with Google domain-wide delegation. Leave it empty to act as the service account itself."
      />
      <TextField name="jwtAudience" label="JWT Audience" help="Optional. The aud claim. Empty: defaults to the Access Token URL, which most vendors expect." />
      <RadioGroup
        name="jwtScopeIn"
        legend="Scopes in the JWT"
        help="Where the Scope values go. Google expects a scope claim in the assertion; most others the scope parameter of the token request."
        options={JWT_SCOPE_OPTIONS}
      />
    </fieldset>
  );
}
