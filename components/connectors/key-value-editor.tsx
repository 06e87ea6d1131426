"use client";

import { useEffect, useId, useRef } from "react";
import { useFieldArray, useFormContext } from "react-hook-form";
import { LIMITS, type ConnectorFormValues, type ExtraRequest } from "@/lib/connectors/schema";
import { Button } from "@/components/ui/button";
import { TextInput, inputClasses } from "@/components/ui/field";
import { ErrorText, errorAt, type FormPath } from "./controls";

type Kind = "headers" | "params";

const WORDS = {
  headers: { noun: "header", Noun: "Header", title: "Additional headers" },
  params: { noun: "parameter", Noun: "Parameter", title: "Additional parameters" },
} as const;

const rowButton = "rounded px-2 py-1 text-sm text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-indigo-600 aria-disabled:cursor-not-allowed aria-disabled:opacity-40 disabled:opacity-40";

/**
 * Ordered name/value rows for one request (`extras.<request>.<kind>`). Values are single-row
 * textareas: an <input> would silently drop a pasted line break, which the schema must see to
 * refuse (SECURITY 15). Move buttons stay focusable at the ends (aria-disabled) so keyboard
 * focus is never lost; after a move or removal, focus follows the row.
 */
export function KeyValueEditor({ request, kind, help }: { request: ExtraRequest; kind: Kind; help?: string }) {
  const { control, register, formState } = useFormContext<ConnectorFormValues>();
  const path = `extras.${request}.${kind}` as const;
  const { fields, append, remove, move } = useFieldArray({ control, name: path });
  const { noun, Noun, title } = WORDS[kind];
  const baseId = useId();
  // Where focus goes after the next render (a move or removal re-renders the rows).
  const pendingFocus = useRef<string | null>(null);
  const controlId = (index: number, part: "name" | "value" | "up" | "down") => `${baseId}-${index}-${part}`;
  const addId = `${baseId}-add`;

  useEffect(() => {
    if (!pendingFocus.current) return;
    document.getElementById(pendingFocus.current)?.focus();
    pendingFocus.current = null;
  });

  const moveRow = (from: number, to: number, part: "up" | "down") => {
    if (to < 0 || to >= fields.length) return;
    move(from, to);
    pendingFocus.current = controlId(to, part);
  };
  const removeRow = (index: number) => {
    remove(index);
    const next = fields.length - 1 > index ? index : index - 1;
    pendingFocus.current = next >= 0 ? controlId(next, "name") : addId;
  };
  const listError = errorAt(formState.errors, path);

  return (
    <fieldset className="space-y-2" aria-describedby={help ? `${baseId}-help` : undefined}>
      <legend className="text-sm font-medium text-slate-900">{title}</legend>
      {help && (
        <p id={`${baseId}-help`} className="text-xs text-slate-600">
          {help}
        </p>
      )}
      {fields.length === 0 ? (
        <p className="text-xs text-slate-600">No {noun}s added.</p>
      ) : (
        <ol className="space-y-2">
          {fields.map((field, index) => {
            const n = index + 1;
            const nameError = errorAt(formState.errors, `${path}.${index}.name`);
            const valueError = errorAt(formState.errors, `${path}.${index}.value`);
            const first = index === 0;
            const last = index === fields.length - 1;
            return (
              <li key={field.id} className="grid items-start gap-2 sm:grid-cols-[minmax(0,1fr)_minmax(0,2fr)_auto]">
                <div className="space-y-1">
                  <label htmlFor={controlId(index, "name")} className="sr-only">
                    {Noun} name {n}
                  </label>
                  <TextInput
                    id={controlId(index, "name")}
                    placeholder="Name"
                    autoComplete="off"
                    spellCheck={false}
                    aria-invalid={Boolean(nameError)}
                    aria-describedby={nameError ? `${controlId(index, "name")}-error` : undefined}
                    {...register(`${path}.${index}.name` as FormPath)}
                  />
                  <ErrorText id={`${controlId(index, "name")}-error`} message={nameError} />
                </div>
                <div className="space-y-1">
                  <label htmlFor={controlId(index, "value")} className="sr-only">
                    {Noun} value {n}
                  </label>
                  <textarea
                    id={controlId(index, "value")}
                    rows={1}
                    placeholder="Value"
                    autoComplete="off"
                    spellCheck={false}
                    className={`${inputClasses} resize-y`}
                    aria-invalid={Boolean(valueError)}
                    aria-describedby={valueError ? `${controlId(index, "value")}-error` : undefined}
                    {...register(`${path}.${index}.value` as FormPath)}
                  />
                  <ErrorText id={`${controlId(index, "value")}-error`} message={valueError} />
                </div>
                <div className="flex gap-1">
                  <button type="button" id={controlId(index, "up")} className={rowButton} aria-label={`Move ${noun} ${n} up`} aria-disabled={first || undefined} onClick={() => moveRow(index, index - 1, "up")}>
                    <span aria-hidden="true">↑</span>
                  </button>
                  <button type="button" id={controlId(index, "down")} className={rowButton} aria-label={`Move ${noun} ${n} down`} aria-disabled={last || undefined} onClick={() => moveRow(index, index + 1, "down")}>
                    <span aria-hidden="true">↓</span>
                  </button>
                  <button type="button" className={rowButton} aria-label={`Remove ${noun} ${n}`} onClick={() => removeRow(index)}>
                    Remove
                  </button>
                </div>
              </li>
            );
          })}
        </ol>
      )}
      <ErrorText message={listError} />
      {fields.length < LIMITS.extraRows ? (
        <Button id={addId} variant="secondary" onClick={() => append({ name: "", value: "" })}>
          Add {noun}
        </Button>
      ) : (
        <p className="text-xs text-slate-600">
          At most {LIMITS.extraRows} {noun}s.
        </p>
      )}
    </fieldset>
  );
}
