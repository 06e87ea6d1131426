"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { createFirstAdminAction } from "@/lib/auth/actions";
import { firstAdminSchema } from "@/lib/users/schema";
import { Button } from "@/components/ui/button";
import { applyActionErrors } from "@/components/forms/apply-action-errors";
import { NewPasswordFields } from "./new-password-fields";
import { FormError, FormField, Input } from "@/components/ui/form-field";

type Values = z.input<typeof firstAdminSchema>;

export function FirstAdminForm() {
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<Values>({
    resolver: zodResolver(firstAdminSchema),
    defaultValues: { email: "", name: "", password: "", confirmPassword: "" },
  });
  const { register, handleSubmit, setError, formState } = form;

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    const result = await createFirstAdminAction(values);
    if (!result.ok) setFormError(applyActionErrors(result, setError, ["email", "name", "password", "confirmPassword"]));
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <FormError message={formError} />
      <FormField label="Email" error={formState.errors.email?.message}>
        {({ id, describedBy, invalid }) => (
          <Input id={id} type="email" autoComplete="username" aria-describedby={describedBy} aria-invalid={invalid} {...register("email")} />
        )}
      </FormField>
      <FormField label="Name" help="Optional. Shown in the history of changes." error={formState.errors.name?.message}>
        {({ id, describedBy, invalid }) => <Input id={id} autoComplete="name" aria-describedby={describedBy} aria-invalid={invalid} {...register("name")} />}
      </FormField>
      <NewPasswordFields register={register} errors={formState.errors} />
      <Button type="submit" className="w-full" disabled={formState.isSubmitting}>
        Create the first admin
      </Button>
    </form>
  );
}
