"use client";

import type { FieldErrors, UseFormRegister } from "react-hook-form";
import { FormField, Input } from "@/components/ui/form-field";

type PasswordValues = { password: string; confirmPassword: string };

/** Password + confirmation, shared by the first-admin and invitation forms. */
export function NewPasswordFields<T extends PasswordValues>({ register, errors }: { register: UseFormRegister<T>; errors: FieldErrors<T> }) {
  const reg = register as unknown as UseFormRegister<PasswordValues>;
  const errs = errors as FieldErrors<PasswordValues>;
  return (
    <>
      <FormField label="Password" help="At least 12 characters. A passphrase is easiest." error={errs.password?.message}>
        {({ id, describedBy, invalid }) => (
          <Input id={id} type="password" autoComplete="new-password" aria-describedby={describedBy} aria-invalid={invalid} {...reg("password")} />
        )}
      </FormField>
      <FormField label="Confirm password" error={errs.confirmPassword?.message}>
        {({ id, describedBy, invalid }) => (
          <Input id={id} type="password" autoComplete="new-password" aria-describedby={describedBy} aria-invalid={invalid} {...reg("confirmPassword")} />
        )}
      </FormField>
    </>
  );
}
