import { useId, type ComponentProps, type ReactNode } from "react";
import { Alert } from "./alert";
import { cn } from "./cn";

/** The look of every text control (Input, Textarea, Select): one place for border, focus and invalid states. */
export const inputClasses =
  "block w-full rounded-md border border-input bg-card px-3 py-2 text-sm text-foreground shadow-sm placeholder:text-muted-foreground focus:border-ring focus:outline-none focus:ring-2 focus:ring-ring/30 aria-[invalid=true]:border-destructive disabled:cursor-not-allowed disabled:bg-muted";

/** A text input. Takes `ref` (React 19), so react-hook-form's `register` spreads straight onto it. */
export function Input({ className, ...props }: ComponentProps<"input">) {
  return <input className={cn(inputClasses, className)} {...props} />;
}

export function Textarea({ className, ...props }: ComponentProps<"textarea">) {
  return <textarea className={cn(inputClasses, className)} {...props} />;
}

/** A field's error: role="alert" so it is announced when it appears; `id` for aria-describedby. */
export function FieldError({ id, message }: { id?: string; message?: string }) {
  if (!message) return null;
  return (
    <p id={id} role="alert" className="text-sm text-danger">
      {message}
    </p>
  );
}

export interface FieldControlIds {
  id: string;
  describedBy: string | undefined;
  invalid: boolean;
}

interface FormFieldProps {
  label: string;
  /** Shown beside the label, outside it (the label stays the control's whole name). */
  badge?: ReactNode;
  /** Help text under the control. */
  help?: ReactNode;
  /** The zod message react-hook-form holds for this field (`formState.errors.name?.message`). */
  error?: string;
  /** Renders the control with the ids that tie it to the label, help and error. */
  children: (ids: FieldControlIds) => ReactNode;
}

/**
 * Label, control, help text and error, wired together for assistive technology: the label's
 * htmlFor, aria-describedby to the help and error, aria-invalid while there is an error.
 *
 * ```tsx
 * <FormField label="Name" error={errors.name?.message}>
 *   {({ id, describedBy, invalid }) => <Input id={id} aria-describedby={describedBy} aria-invalid={invalid} {...register("name")} />}
 * </FormField>
 * ```
 */
export function FormField({ label, badge, help, error, children }: FormFieldProps) {
  const id = useId();
  const helpId = help ? `${id}-help` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [helpId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div className="space-y-1">
      <div className="flex flex-wrap items-center gap-2">
        <label htmlFor={id} className="block text-sm font-medium text-foreground">
          {label}
        </label>
        {badge}
      </div>
      {children({ id, describedBy, invalid: Boolean(error) })}
      {help && (
        <p id={helpId} className="text-xs text-muted-foreground">
          {help}
        </p>
      )}
      <FieldError id={errorId} message={error} />
    </div>
  );
}

/** The form-level error from an action (`formError`), or nothing. */
export function FormError({ message }: { message?: string | null }) {
  if (!message) return null;
  return <Alert tone="destructive">{message}</Alert>;
}

/** The form-level outcome that stays in place ("Saved"), or nothing. */
export function FormSuccess({ message }: { message?: string | null }) {
  if (!message) return null;
  return <Alert tone="success">{message}</Alert>;
}
