"use client";

import { SelectField, TextField } from "./controls";
import { KeyPairPanel } from "./key-pair-panel";
import { SIGNING_ALG_OPTIONS } from "./labels";
import { WriteOnlyField } from "./write-only-field";
import { useWriteOnlyState } from "./write-only-state";

const ENTER_KEY_AGAIN =
  "The vendor URL's origin changed: paste the private key again, or generate a new key pair after saving. The stored key is not sent to a new origin.";

/**
 * The key Latchkey signs JWTs with (RFC 7523): client assertions for Signed JWT client
 * authentication and JWT Bearer grant assertions alike. The private key is write-only and
 * sealed (SECURITY 44); Generate key pair makes one on the server, so it never passes the browser.
 */
export function SigningKeyFields({ required, purpose }: { required: boolean; purpose: string }) {
  const { originMoved, stored, saves } = useWriteOnlyState();
  return (
    <>
      <WriteOnlyField
        name="privateKey"
        label="Private Key"
        setText="A private key is set"
        multiline
        required={required}
        enterAgain={originMoved && stored.privateKey ? ENTER_KEY_AGAIN : null}
        help={`${purpose} PEM (-----BEGIN PRIVATE KEY-----) or a private JWK. Stored encrypted and never shown again.`}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField name="keyId" label="Key ID" help="Optional. Sent as the kid header, so the vendor knows which of its registered public keys to check." />
        <SelectField
          name="signingAlg"
          label="Signing algorithm"
          help="RS256 unless the vendor asks otherwise. ES256 needs an EC P-256 key."
          options={SIGNING_ALG_OPTIONS}
        />
      </div>
      {/* A save may have stored another key: the panel starts again from the page's public key. */}
      <KeyPairPanel key={saves} />
    </>
  );
}
