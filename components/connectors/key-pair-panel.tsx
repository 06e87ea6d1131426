"use client";

import { useId, useState } from "react";
import { useFormContext } from "react-hook-form";
import { generateKeyPairAction } from "@/lib/connector-admin/actions";
import type { ConnectorFormValues } from "@/lib/connectors/schema";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { useWriteOnlyState } from "./write-only-state";
import { FormError, Input, Textarea } from "@/components/ui/form-field";
import { Alert } from "@/components/ui/alert";

/** JSON text of the public JWK, however the action or the page hands it over. */
function jwkText(jwk: unknown): string {
  if (typeof jwk !== "string") return JSON.stringify(jwk, null, 2);
  try {
    return JSON.stringify(JSON.parse(jwk), null, 2);
  } catch {
    return jwk;
  }
}

/** The JWK as the JWKS URL serves it: its `kid` follows the connector's saved Key ID (lib/connectors/jwks.ts). */
function withKeyId(jwk: string, keyId: string | undefined): string {
  if (!keyId) return jwk;
  try {
    return JSON.stringify({ ...(JSON.parse(jwk) as Record<string, unknown>), kid: keyId }, null, 2);
  } catch {
    return jwk;
  }
}

function kidOf(jwk: string): string | null {
  try {
    const kid: unknown = (JSON.parse(jwk) as Record<string, unknown>).kid;
    return typeof kid === "string" ? kid : null;
  } catch {
    return null;
  }
}

/**
 * Generate key pair: the server makes the key pair, seals the private key and keeps the public
 * JWK (SECURITY 44), so the private key never passes the browser. The admin gives the vendor the
 * public JWK or the connector's JWKS URL. On the new-connector page there is no connector yet.
 */
export function KeyPairPanel() {
  const { keyPair, stored, markStored } = useWriteOnlyState();
  const { getValues, resetField, formState } = useFormContext<ConnectorFormValues>();
  const id = useId();
  // The key pair generated here, until the next save brings the page's own (stored) public key.
  const [generated, setGenerated] = useState<{ jwk: string; jwksUrl: string } | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (!keyPair) {
    return (
      <p className="rounded-md border border-dashed border-input p-3 text-sm text-muted-foreground">
        No key yet? Save first, then Generate key pair: Latchkey makes the key pair, keeps the private key encrypted and shows the public key to register with
        the vendor. Or paste a private key above.
      </p>
    );
  }

  const generate = async () => {
    setConfirming(false);
    setError(null);
    setBusy(true);
    try {
      const alg = getValues("signingAlg") ?? "RS256";
      const result = await generateKeyPairAction({ id: keyPair.connectorId, alg });
      if (!result.ok) return setError(result.formError ?? Object.values(result.fieldErrors ?? {})[0]?.[0] ?? "Could not generate a key pair.");
      const jwk = jwkText(result.data.publicJwk);
      setGenerated({ jwk, jwksUrl: result.data.jwksUrl });
      markStored("privateKey");
      // The server stored the new key's id and algorithm with it: the form shows them as saved, not as edits.
      resetField("privateKey");
      resetField("keyId", { defaultValue: kidOf(jwk) ?? getValues("keyId") });
      resetField("signingAlg", { defaultValue: alg });
    } catch {
      setError("Could not reach Latchkey. No key pair was generated; try again.");
    } finally {
      setBusy(false);
    }
  };

  const current = generated?.jwk ?? (keyPair.publicJwk ? jwkText(keyPair.publicJwk) : null);
  const publicJwk = current ? withKeyId(current, formState.defaultValues?.keyId) : null;
  const jwksUrl = generated?.jwksUrl ?? keyPair.jwksUrl;
  return (
    <div role="group" aria-labelledby={`${id}-title`} className="space-y-3 rounded-md border border-border p-4">
      <p id={`${id}-title`} className="text-sm font-medium text-foreground">
        Key pair for the vendor
      </p>
      <p className="text-xs text-muted-foreground">
        Generate key pair replaces the private key with a new one made here, using the signing algorithm above, and shows its public key. Give the vendor the
        JWKS URL, or paste the public JWK into its console.
      </p>
      {confirming ? (
        <Alert tone="warning" role="alert">
          <p>A private key is stored. A new key pair replaces it: the vendor accepts tokens signed with the new key only once it has the new public key.</p>
          <div className="flex gap-2">
            <Button onClick={() => void generate()} disabled={busy}>
              Replace the key pair
            </Button>
            <Button variant="secondary" onClick={() => setConfirming(false)}>
              Keep the stored key
            </Button>
          </div>
        </Alert>
      ) : (
        <Button variant="secondary" disabled={busy} onClick={() => (stored.privateKey ? setConfirming(true) : void generate())}>
          {busy ? "Generating…" : "Generate key pair"}
        </Button>
      )}
      <FormError message={error} />
      {publicJwk && (
        <div className="space-y-3" aria-live="polite">
          <div className="space-y-1">
            <label htmlFor={`${id}-jwks`} className="block text-sm font-medium text-foreground">
              JWKS URL
            </label>
            <div className="flex gap-2">
              <Input id={`${id}-jwks`} readOnly value={jwksUrl} aria-describedby={`${id}-jwks-help`} className="bg-muted font-mono" />
              <CopyButton value={jwksUrl} />
            </div>
            <p id={`${id}-jwks-help`} className="text-xs text-muted-foreground">
              Serves the public key as a JSON Web Key Set, for vendors that fetch keys by URL (Okta: JWKS URL). It must be reachable from the vendor.
            </p>
          </div>
          <div className="space-y-1">
            <label htmlFor={`${id}-jwk`} className="block text-sm font-medium text-foreground">
              Public key (JWK)
            </label>
            <div className="flex items-start gap-2">
              <Textarea id={`${id}-jwk`} readOnly rows={6} value={publicJwk} className="bg-muted font-mono text-xs" />
              <CopyButton value={publicJwk} />
            </div>
          </div>
        </div>
      )}
    </div>
  );
}
