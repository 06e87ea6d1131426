"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { sendTestRequestAction } from "@/lib/proxy/actions";
import { TEST_REQUEST_METHODS, testRequestSchema, type TestRequestValues } from "@/lib/proxy/test-request-schema";
import type { TestRequestResult } from "@/lib/proxy/test-request";
import { Button } from "@/components/ui/button";
import { applyActionErrors } from "@/components/forms/apply-action-errors";
import { TestRequestOutcome } from "./test-request-outcome";
import { FormError, FormField, Input, Textarea } from "@/components/ui/form-field";
import { Select } from "@/components/ui/select";
import { Card } from "@/components/ui/card";

/**
 * Sends one request to the connector's vendor API through Latchkey's proxy (on the server, with
 * the stored token) and shows the answer. The token is redacted from everything shown.
 */
export function SendTestRequest({ connectorId }: { connectorId: string }) {
  const [formError, setFormError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<TestRequestResult | null>(null);
  const { register, handleSubmit, setError, control, formState } = useForm<TestRequestValues>({
    resolver: zodResolver(testRequestSchema),
    defaultValues: { connectorId, method: "GET", path: "", contentType: "application/json", body: "" },
  });
  const method = useWatch({ control, name: "method" });
  const sendsBody = method !== "GET" && method !== "HEAD";

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    const result = await sendTestRequestAction(values);
    if (!result.ok) {
      setOutcome(null);
      setFormError(applyActionErrors(result, setError, ["method", "path", "contentType", "body"]));
      return;
    }
    setOutcome(result.data);
  });

  return (
    <Card asChild className="space-y-4">
      <section aria-labelledby="test-request-heading">
        <div>
          <h2 id="test-request-heading" className="text-base font-semibold">
            Send test request
          </h2>
          <p className="mt-1 text-sm text-muted-foreground">
            Calls the vendor API through Latchkey&apos;s proxy with this connector&apos;s token, exactly as a sync worker would. The token is hidden in the
            result.
          </p>
        </div>
        <form onSubmit={onSubmit} noValidate className="space-y-4">
          <FormError message={formError} />
          <input type="hidden" {...register("connectorId")} />
          <div className="grid gap-4 sm:grid-cols-[8rem_1fr]">
            <FormField label="Method" error={formState.errors.method?.message}>
              {({ id, describedBy }) => (
                <Select id={id} aria-describedby={describedBy} {...register("method")}>
                  {TEST_REQUEST_METHODS.map((m) => (
                    <option key={m} value={m}>
                      {m}
                    </option>
                  ))}
                </Select>
              )}
            </FormField>
            <FormField label="Path" help="Relative to the API Base URL, with an optional query, e.g. v1/me?fields=id" error={formState.errors.path?.message}>
              {({ id, describedBy, invalid }) => (
                <Input
                  id={id}
                  aria-describedby={describedBy}
                  aria-invalid={invalid}
                  autoComplete="off"
                  spellCheck={false}
                  className="font-mono"
                  {...register("path")}
                />
              )}
            </FormField>
          </div>
          {sendsBody && (
            <div className="grid gap-4 sm:grid-cols-[16rem_1fr]">
              <FormField label="Content type" error={formState.errors.contentType?.message}>
                {({ id, describedBy, invalid }) => <Input id={id} aria-describedby={describedBy} aria-invalid={invalid} {...register("contentType")} />}
              </FormField>
              <FormField label="Body (optional)" error={formState.errors.body?.message}>
                {({ id, describedBy, invalid }) => (
                  <Textarea
                    id={id}
                    rows={5}
                    aria-describedby={describedBy}
                    aria-invalid={invalid}
                    spellCheck={false}
                    className="font-mono"
                    {...register("body")}
                  />
                )}
              </FormField>
            </div>
          )}
          <Button type="submit" disabled={formState.isSubmitting}>
            {formState.isSubmitting ? "Sending…" : "Send request"}
          </Button>
        </form>
        {outcome && <TestRequestOutcome outcome={outcome} />}
      </section>
    </Card>
  );
}
