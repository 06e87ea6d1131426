"use client";

import { useId, type ComponentProps, type ReactNode } from "react";
import { get, useController, useFormContext, type FieldErrors, type Path } from "react-hook-form";
import type { ConnectorFormValues } from "@/lib/connectors/schema";
import { PresetMark } from "./preset-marks";
import { FieldError, FormField, Input } from "@/components/ui/form-field";
import { Select } from "@/components/ui/select";
import { Checkbox } from "@/components/ui/checkbox";
import { RadioGroup as RadioChoices, RadioGroupItem } from "@/components/ui/radio-group";

export type FormPath = Path<ConnectorFormValues>;

/** The message of the error at `path`, whether RHF stored it on the node or on its `root`. */
export function errorAt(errors: FieldErrors<ConnectorFormValues>, path: string): string | undefined {
  const node = get(errors, path) as { message?: unknown; root?: { message?: unknown } } | undefined;
  const message = node?.message ?? node?.root?.message;
  return typeof message === "string" ? message : undefined;
}

/** A labelled text input registered under `name`, with help and error wired to aria-describedby. */
export function TextField({
  name,
  label,
  help,
  type = "text",
  placeholder,
  required,
  inputMode,
  onValueChange,
}: {
  name: FormPath;
  label: string;
  help?: ReactNode;
  type?: "text" | "url";
  placeholder?: string;
  required?: boolean;
  /** "numeric" for whole numbers: a text input (no spinner, no silent rounding) with a digit keyboard. */
  inputMode?: "numeric";
  /** Called after each change, once the form holds the new value. */
  onValueChange?: () => void;
}) {
  const { register, formState } = useFormContext<ConnectorFormValues>();
  return (
    <FormField label={label} badge={<PresetMark name={name} />} help={help} error={errorAt(formState.errors, name)}>
      {({ id, describedBy, invalid }) => (
        <Input
          id={id}
          type={type}
          placeholder={placeholder}
          inputMode={inputMode}
          autoComplete="off"
          spellCheck={false}
          aria-required={required || undefined}
          aria-describedby={describedBy}
          aria-invalid={invalid}
          {...register(name, onValueChange ? { onChange: onValueChange } : undefined)}
        />
      )}
    </FormField>
  );
}

/**
 * Radio buttons as a fieldset with a legend (kit RadioGroup on Radix: arrow keys move and select,
 * Tab reaches the checked one). Radix radios are controlled, so the value goes through
 * `useController` rather than `register`.
 */
export function RadioGroup({
  name,
  legend,
  help,
  options,
}: {
  name: FormPath;
  legend: string;
  help?: ReactNode;
  options: readonly { value: string; label: string }[];
}) {
  const { field, fieldState } = useController<ConnectorFormValues>({ name });
  const id = useId();
  const error = fieldState.error?.message ?? fieldState.error?.root?.message;
  const describedBy = [help ? `${id}-help` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
  return (
    <fieldset aria-describedby={describedBy} className="space-y-1">
      <legend id={`${id}-legend`} className="text-sm font-medium text-foreground">
        {legend}
      </legend>
      <PresetMark name={name} />
      <RadioChoices aria-labelledby={`${id}-legend`} value={typeof field.value === "string" ? field.value : ""} onValueChange={field.onChange} className="pt-1">
        {options.map((option, index) => (
          <span key={option.value} className="inline-flex items-center gap-2 text-sm text-foreground">
            <RadioGroupItem id={`${id}-${index}`} value={option.value} ref={index === 0 ? field.ref : undefined} onBlur={field.onBlur} />
            <label htmlFor={`${id}-${index}`}>{option.label}</label>
          </span>
        ))}
      </RadioChoices>
      {help && (
        <p id={`${id}-help`} className="text-xs text-muted-foreground">
          {help}
        </p>
      )}
      <FieldError id={`${id}-error`} message={typeof error === "string" ? error : undefined} />
    </fieldset>
  );
}

/**
 * The kit Checkbox bound to the boolean at `name` (Radix checkboxes are controlled: `useController`,
 * not `register`). `onUserChange` runs before the new value is stored, only for the user's own toggles.
 */
export function FormCheckbox({
  name,
  onUserChange,
  ...props
}: { name: FormPath; onUserChange?: () => void } & Omit<ComponentProps<typeof Checkbox>, "name" | "checked" | "onCheckedChange">) {
  const { ref, value, onChange, onBlur } = useController<ConnectorFormValues>({ name }).field;
  return (
    <Checkbox
      ref={ref}
      checked={value === true}
      onCheckedChange={(checked) => {
        onUserChange?.();
        onChange(checked === true);
      }}
      onBlur={onBlur}
      {...props}
    />
  );
}

export function CheckboxField({ name, label, help }: { name: FormPath; label: string; help?: ReactNode }) {
  const id = useId();
  return (
    <div className="flex items-start gap-2">
      <FormCheckbox name={name} id={id} className="mt-0.5" aria-describedby={help ? `${id}-help` : undefined} />
      <div>
        <label htmlFor={id} className="text-sm font-medium text-foreground">
          {label}
        </label>{" "}
        <PresetMark name={name} />
        {help && (
          <p id={`${id}-help`} className="text-xs text-muted-foreground">
            {help}
          </p>
        )}
      </div>
    </div>
  );
}

/** A labelled native select registered under `name`: keyboard and screen-reader behaviour come with it. */
export function SelectField({
  name,
  label,
  help,
  options,
}: {
  name: FormPath;
  label: string;
  help?: ReactNode;
  options: readonly { value: string; label: string }[];
}) {
  const { register, formState } = useFormContext<ConnectorFormValues>();
  return (
    <FormField label={label} badge={<PresetMark name={name} />} help={help} error={errorAt(formState.errors, name)}>
      {({ id, describedBy, invalid }) => (
        <Select id={id} aria-describedby={describedBy} aria-invalid={invalid} {...register(name)}>
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </Select>
      )}
    </FormField>
  );
}
