"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { createApiKeyAction } from "@/lib/api-keys/actions";
import { createApiKeySchema, type CreateApiKeyValues } from "@/lib/api-keys/schema";
import { Button } from "@/components/ui/button";
import { applyActionErrors } from "@/components/forms/apply-action-errors";
import { CopyButton } from "@/components/ui/copy-button";
import { FormError, FormField, Input } from "@/components/ui/form-field";
import { Select } from "@/components/ui/select";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";

/** Creates a key and shows it once; the server keeps only its hash. */
export function CreateApiKeyForm({ connectors }: { connectors: { id: string; name: string }[] }) {
  const [formError, setFormError] = useState<string | null>(null);
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);
  const { register, handleSubmit, setError, reset, formState } = useForm<CreateApiKeyValues>({
    resolver: zodResolver(createApiKeySchema),
    defaultValues: { name: "", connectorId: "" },
  });

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    setCreated(null);
    const result = await createApiKeyAction(values);
    if (!result.ok) {
      setFormError(applyActionErrors(result, setError, ["name", "connectorId"]));
      return;
    }
    setCreated(result.data);
    reset();
  });

  return (
    <Card asChild className="space-y-4">
      <form onSubmit={onSubmit} noValidate>
        <h2 className="text-base font-semibold">Create an API key</h2>
        <FormError message={formError} />
        {created && (
          <Alert tone="success">
            <p>
              Copy the key for “{created.name}” now: it is shown only this once. Latchkey stores only a hash of it. Give it to the sync worker as
              <code className="mx-1">Authorization: Bearer &lt;key&gt;</code>.
            </p>
            <div className="flex items-center gap-2">
              <code className="block min-w-0 flex-1 truncate rounded bg-card px-2 py-1" data-testid="new-api-key">
                {created.key}
              </code>
              <CopyButton value={created.key} label="Copy key" />
            </div>
          </Alert>
        )}
        <div className="grid gap-4 sm:grid-cols-[1fr_16rem_auto] sm:items-end">
          <FormField label="Name" help="Who uses it, e.g. “billing sync (prod)”." error={formState.errors.name?.message}>
            {({ id, describedBy, invalid }) => <Input id={id} aria-describedby={describedBy} aria-invalid={invalid} autoComplete="off" {...register("name")} />}
          </FormField>
          <FormField label="Connector access" error={formState.errors.connectorId?.message}>
            {({ id, describedBy }) => (
              <Select id={id} aria-describedby={describedBy} {...register("connectorId")}>
                <option value="">All connectors</option>
                {connectors.map((connector) => (
                  <option key={connector.id} value={connector.id}>
                    Only {connector.name}
                  </option>
                ))}
              </Select>
            )}
          </FormField>
          <Button type="submit" disabled={formState.isSubmitting}>
            Create key
          </Button>
        </div>
      </form>
    </Card>
  );
}
