"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { acceptInvitationAction } from "@/lib/auth/actions";
import { acceptInvitationSchema } from "@/lib/users/schema";
import { Button } from "@/components/ui/button";
import { applyActionErrors } from "@/components/forms/apply-action-errors";
import { NewPasswordFields } from "./new-password-fields";
import { FormError } from "@/components/ui/form-field";

type Values = z.input<typeof acceptInvitationSchema>;

export function AcceptInvitationForm({ token }: { token: string }) {
  const [formError, setFormError] = useState<string | null>(null);
  const { register, handleSubmit, setError, formState } = useForm<Values>({
    resolver: zodResolver(acceptInvitationSchema),
    defaultValues: { token, password: "", confirmPassword: "" },
  });

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    const result = await acceptInvitationAction(values);
    if (!result.ok) setFormError(applyActionErrors(result, setError, ["password", "confirmPassword"]));
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <FormError message={formError} />
      <NewPasswordFields register={register} errors={formState.errors} />
      <Button type="submit" className="w-full" disabled={formState.isSubmitting}>
        Set password and sign in
      </Button>
    </form>
  );
}
