"use client";

import { useState } from "react";
import { useForm } from "react-hook-form";
import { saveExpiryRulesAction } from "@/lib/proxy/actions";
import type { ExpiryRulesFormValues } from "@/lib/proxy/expiry-rules";
import { Button } from "@/components/ui/button";
import { applyActionErrors } from "@/components/forms/apply-action-errors";
import { FormError, FormField, FormSuccess, Input } from "@/components/ui/form-field";
import { Card } from "@/components/ui/card";

/**
 * Extra answers that mean "the token expired" for this connector's proxy, besides HTTP 401:
 * other statuses, optionally only with a JSON body field value. Validated on the server.
 */
export function ExpiryRulesForm({ initial }: { initial: ExpiryRulesFormValues }) {
  const [formError, setFormError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const { register, handleSubmit, setError, reset, formState } = useForm<ExpiryRulesFormValues>({ defaultValues: initial });

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    setSaved(false);
    const result = await saveExpiryRulesAction(values);
    if (!result.ok) {
      setFormError(applyActionErrors(result, setError, ["statuses", "bodyField", "bodyValues"]));
      return;
    }
    reset(result.data);
    setSaved(true);
  });

  return (
    <Card asChild className="space-y-4">
      <form onSubmit={onSubmit} noValidate>
        <div>
          <h2 className="text-base font-semibold">Token expiry signals</h2>
          <p className="mt-1 text-sm text-muted-foreground">
            The proxy renews the token and retries once when the vendor answers 401. Add other answers that mean the token expired, e.g. 403, or 200 with a JSON
            field such as <code>error</code> = <code>token_expired</code>.
          </p>
        </div>
        <FormError message={formError} />
        <FormSuccess message={saved ? "Saved. The proxy applies the rules within a few seconds." : null} />
        <input type="hidden" {...register("connectorId")} />
        <div className="grid gap-4 sm:grid-cols-3">
          <FormField label="Statuses" help="Comma-separated, e.g. 403. Empty: 401 only." error={formState.errors.statuses?.message}>
            {({ id, describedBy, invalid }) => (
              <Input id={id} aria-describedby={describedBy} aria-invalid={invalid} inputMode="numeric" {...register("statuses")} />
            )}
          </FormField>
          <FormField label="JSON body field (optional)" help="A dotted path, e.g. error.code." error={formState.errors.bodyField?.message}>
            {({ id, describedBy, invalid }) => (
              <Input id={id} aria-describedby={describedBy} aria-invalid={invalid} className="font-mono" {...register("bodyField")} />
            )}
          </FormField>
          <FormField label="Field values" help="Comma-separated, e.g. TOKEN_EXPIRED, invalid_auth." error={formState.errors.bodyValues?.message}>
            {({ id, describedBy, invalid }) => (
              <Input id={id} aria-describedby={describedBy} aria-invalid={invalid} className="font-mono" {...register("bodyValues")} />
            )}
          </FormField>
        </div>
        <Button type="submit" disabled={formState.isSubmitting || !formState.isDirty}>
          Save rules
        </Button>
      </form>
    </Card>
  );
}
