"use client";

import { useId, type ReactNode } from "react";
import { get, useFormContext, type FieldErrors, type Path } from "react-hook-form";
import type { ConnectorFormValues } from "@/lib/connectors/schema";
import { Field, TextInput, inputClasses } from "@/components/ui/field";
import { PresetMark } from "./preset-marks";

export type FormPath = Path<ConnectorFormValues>;

/** The message of the error at `path`, whether RHF stored it on the node or on its `root`. */
export function errorAt(errors: FieldErrors<ConnectorFormValues>, path: string): string | undefined {
  const node = get(errors, path) as { message?: unknown; root?: { message?: unknown } } | undefined;
  const message = node?.message ?? node?.root?.message;
  return typeof message === "string" ? message : undefined;
}

export function ErrorText({ id, message }: { id?: string; message?: string }) {
  if (!message) return null;
  return (
    <p id={id} role="alert" className="text-sm text-red-700">
      {message}
    </p>
  );
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
    <Field label={label} badge={<PresetMark name={name} />} help={help} error={errorAt(formState.errors, name)}>
      {({ id, describedBy, invalid }) => (
        <TextInput
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
    </Field>
  );
}

/** Radio buttons as a fieldset with a legend; arrow keys move between options (native behaviour). */
export function RadioGroup({ name, legend, help, options }: { name: FormPath; legend: string; help?: ReactNode; options: readonly { value: string; label: string }[] }) {
  const { register, formState } = useFormContext<ConnectorFormValues>();
  const id = useId();
  const error = errorAt(formState.errors, name);
  const describedBy = [help ? `${id}-help` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
  return (
    <fieldset aria-describedby={describedBy} className="space-y-1">
      <legend className="text-sm font-medium text-slate-900">{legend}</legend>
      <PresetMark name={name} />
      <div className="flex flex-wrap gap-x-6 gap-y-1 pt-1">
        {options.map((option) => (
          <label key={option.value} className="inline-flex items-center gap-2 text-sm text-slate-900">
            <input type="radio" value={option.value} className="h-4 w-4 accent-indigo-700" {...register(name)} />
            {option.label}
          </label>
        ))}
      </div>
      {help && (
        <p id={`${id}-help`} className="text-xs text-slate-600">
          {help}
        </p>
      )}
      <ErrorText id={`${id}-error`} message={error} />
    </fieldset>
  );
}

export function CheckboxField({ name, label, help }: { name: FormPath; label: string; help?: ReactNode }) {
  const { register } = useFormContext<ConnectorFormValues>();
  const id = useId();
  return (
    <div className="flex items-start gap-2">
      <input id={id} type="checkbox" className="mt-0.5 h-4 w-4 accent-indigo-700" aria-describedby={help ? `${id}-help` : undefined} {...register(name)} />
      <div>
        <label htmlFor={id} className="text-sm font-medium text-slate-900">
          {label}
        </label>{" "}
        <PresetMark name={name} />
        {help && (
          <p id={`${id}-help`} className="text-xs text-slate-600">
            {help}
          </p>
        )}
      </div>
    </div>
  );
}

/** A labelled native select registered under `name`: keyboard and screen-reader behaviour come with it. */
export function SelectField({ name, label, help, options }: { name: FormPath; label: string; help?: ReactNode; options: readonly { value: string; label: string }[] }) {
  const { register, formState } = useFormContext<ConnectorFormValues>();
  return (
    <Field label={label} badge={<PresetMark name={name} />} help={help} error={errorAt(formState.errors, name)}>
      {({ id, describedBy, invalid }) => (
        <select id={id} aria-describedby={describedBy} aria-invalid={invalid} className={inputClasses} {...register(name)}>
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
