"use client";

import { useEffect, useId, useRef } from "react";
import { useFormContext } from "react-hook-form";
import type { ConnectorFormValues } from "@/lib/connectors/schema";
import { ORIGIN_CHANGED_SECRET_MESSAGE } from "@/lib/connectors/vendor-origins";
import { Button } from "@/components/ui/button";
import { errorAt } from "./controls";
import { FieldError, FormField, Input } from "@/components/ui/form-field";

/**
 * Write-only (SECURITY 10): the page only knows whether a secret is stored. With one stored, the
 * field shows that and offers Replace; an empty value on save keeps the stored secret, unless a
 * vendor URL moved to another origin (`secretAgain`): then the field is open and required.
 */
export function ClientSecretField({
  secretSet,
  replacing,
  onReplacingChange,
  required,
  secretAgain,
}: {
  secretSet: boolean;
  replacing: boolean;
  onReplacingChange: (replacing: boolean) => void;
  required: boolean;
  secretAgain: boolean;
}) {
  const { register, formState, resetField } = useFormContext<ConnectorFormValues>();
  const error = errorAt(formState.errors, "clientSecret");
  const id = useId();
  const replaceButton = useRef<HTMLButtonElement>(null);
  const cancelled = useRef(false);

  useEffect(() => {
    if (!replacing && cancelled.current) {
      cancelled.current = false;
      replaceButton.current?.focus();
    }
  }, [replacing]);

  if (secretSet && !replacing && !secretAgain) {
    return (
      <div role="group" aria-labelledby={`${id}-label`} aria-describedby={`${id}-state ${id}-help`} className="space-y-1">
        <p id={`${id}-label`} className="text-sm font-medium text-foreground">
          Client Secret
        </p>
        <div className="flex items-center gap-3">
          <p id={`${id}-state`} className="text-sm text-foreground">
            A secret is set
          </p>
          <Button ref={replaceButton} variant="secondary" onClick={() => onReplacingChange(true)}>
            Replace
          </Button>
        </div>
        <p id={`${id}-help`} className="text-xs text-muted-foreground">
          Stored encrypted and never shown. Saving without replacing it keeps the stored secret.
        </p>
        <FieldError message={error} />
      </div>
    );
  }

  const help = secretAgain
    ? `${ORIGIN_CHANGED_SECRET_MESSAGE} Saving also revokes the stored tokens at the old vendor; authorize again afterwards.`
    : secretSet
      ? "Enter the new secret from the vendor. It replaces the stored one when you save."
      : `Issued with the Client ID. Stored encrypted and never shown again.${required ? " Required for Client Credentials." : " Optional for Authorization Code with PKCE, and for JWT Bearer, when the vendor issues no secret."}`;
  return (
    <FormField label="Client Secret" help={help} error={error}>
      {({ id: inputId, describedBy, invalid }) => (
        <div className="flex gap-2">
          <Input
            id={inputId}
            type="password"
            autoComplete="off"
            spellCheck={false}
            autoFocus={replacing}
            aria-required={required || undefined}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            {...register("clientSecret")}
          />
          {secretSet && !secretAgain && (
            <Button
              variant="secondary"
              onClick={() => {
                resetField("clientSecret");
                cancelled.current = true;
                onReplacingChange(false);
              }}
            >
              Cancel
            </Button>
          )}
        </div>
      )}
    </FormField>
  );
}
