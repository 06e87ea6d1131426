"use client";

import { useEffect, useId, useRef } from "react";
import { useFieldArray, useFormContext, useWatch } from "react-hook-form";
import { LIMITS, type ConnectorFormValues, type ExtraRequest } from "@/lib/connectors/schema";
import { looksSecret } from "@/lib/connectors/secret-names";
import { Button } from "@/components/ui/button";
import { errorAt, FormCheckbox, type FormPath } from "./controls";
import { storedExtraKey, useStoredSecretExtras } from "./stored-secret-extras";
import { FieldError, Input, Textarea } from "@/components/ui/form-field";
import { ArrowDown, ArrowUp } from "lucide-react";

type Kind = "headers" | "params";

const WORDS = {
  headers: { noun: "header", Noun: "Header", title: "Additional headers", kind: "header" },
  params: { noun: "parameter", Noun: "Parameter", title: "Additional parameters", kind: "param" },
} as const;

const STORED_PLACEHOLDER = "Stored — type a new value to replace it";
/** Said under the Auth request's rows, which have no Secret checkbox (the schema refuses one there). */
const AUTH_NOT_SECRET = "None of these can be secret: they travel in the browser's address bar. Put API keys in the Token request.";

/** Row controls stay focusable when they cannot act (aria-disabled), so focus never drops to the page. */
const rowButton = "text-muted-foreground aria-disabled:cursor-not-allowed aria-disabled:opacity-40";

/**
 * Ordered name/value rows for one request (`extras.<request>.<kind>`). Values are single-row
 * textareas: an <input> would silently drop a pasted line break, which the schema must see to
 * refuse (SECURITY 15). Move buttons stay focusable at the ends (aria-disabled) so keyboard
 * focus is never lost; after a move or removal, focus follows the row.
 *
 * Token and Refresh request rows can be Secret (SECURITY 42): the value is then a write-only
 * password field (a password input strips line breaks, so nothing can be injected through it).
 * The page never has a stored secret value; a stored row shows as stored, and leaving it empty
 * keeps it. A row added here starts with Secret ticked while its name looks secret
 * (lib/connectors/secret-names.ts), until the admin sets the checkbox themselves.
 */
export function KeyValueEditor({ request, kind, help }: { request: ExtraRequest; kind: Kind; help?: string }) {
  const { control, register, setValue, formState } = useFormContext<ConnectorFormValues>();
  const path = `extras.${request}.${kind}` as const;
  const { fields, append, remove, move } = useFieldArray({ control, name: path });
  const rows = useWatch({ control, name: path }) ?? [];
  const { stored, originMoved } = useStoredSecretExtras();
  const { noun, Noun, title } = WORDS[kind];
  const allowSecret = request !== "auth";
  const helpText = [help, allowSecret ? "" : AUTH_NOT_SECRET].filter(Boolean).join(" ");
  const baseId = useId();
  // Where focus goes after the next render (a move or removal re-renders the rows).
  const pendingFocus = useRef<string | null>(null);
  // Rows added in this form whose Secret checkbox still follows their name (field ids).
  const followsName = useRef(new Set<string>());
  const added = useRef(false);
  const controlId = (index: number, part: "name" | "value" | "secret" | "up" | "down") => `${baseId}-${index}-${part}`;
  const addId = `${baseId}-add`;

  useEffect(() => {
    if (added.current) {
      const last = fields.at(-1);
      if (last) followsName.current.add(last.id);
      added.current = false;
    }
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
  const addRow = () => {
    append({ name: "", value: "", secret: false });
    added.current = true;
  };
  const nameChanged = (fieldId: string, index: number, name: string) => {
    if (!allowSecret || !followsName.current.has(fieldId)) return;
    setValue(`${path}.${index}.secret`, looksSecret(name), { shouldDirty: true });
  };
  const listError = errorAt(formState.errors, path);

  return (
    <fieldset className="space-y-2" aria-describedby={helpText ? `${baseId}-help` : undefined}>
      <legend className="text-sm font-medium text-foreground">{title}</legend>
      {helpText && (
        <p id={`${baseId}-help`} className="text-xs text-muted-foreground">
          {helpText}
        </p>
      )}
      {fields.length === 0 ? (
        <p className="text-xs text-muted-foreground">No {noun}s added.</p>
      ) : (
        <ol className="space-y-2">
          {fields.map((field, index) => {
            const n = index + 1;
            const nameError = errorAt(formState.errors, `${path}.${index}.name`);
            const valueError = errorAt(formState.errors, `${path}.${index}.value`);
            const first = index === 0;
            const last = index === fields.length - 1;
            const row = rows[index];
            const secret = allowSecret && row?.secret === true;
            const hadStoredValue = allowSecret && stored.has(storedExtraKey({ request, kind: WORDS[kind].kind, name: row?.name ?? "" }));
            const keepsStored = secret && hadStoredValue && !originMoved;
            const valueHelp = secretValueHelp({ secret, hadStoredValue, keepsStored, originMoved });
            const valueId = controlId(index, "value");
            const valueDescribedBy = [valueHelp ? `${valueId}-help` : "", valueError ? `${valueId}-error` : ""].filter(Boolean).join(" ") || undefined;
            // Registered in the row's order: after Add, react-hook-form focuses the new row's first registered field (the name).
            const nameField = register(`${path}.${index}.name` as FormPath);
            const valueField = register(`${path}.${index}.value` as FormPath);
            return (
              <li
                key={field.id}
                className={`grid items-start gap-2 ${allowSecret ? "sm:grid-cols-[minmax(0,1fr)_minmax(0,2fr)_auto_auto]" : "sm:grid-cols-[minmax(0,1fr)_minmax(0,2fr)_auto]"}`}
              >
                <div className="space-y-1">
                  <label htmlFor={controlId(index, "name")} className="sr-only">
                    {Noun} name {n}
                  </label>
                  <Input
                    id={controlId(index, "name")}
                    placeholder="Name"
                    autoComplete="off"
                    spellCheck={false}
                    aria-invalid={Boolean(nameError)}
                    aria-describedby={nameError ? `${controlId(index, "name")}-error` : undefined}
                    {...nameField}
                    onChange={async (event) => {
                      await nameField.onChange(event);
                      nameChanged(field.id, index, event.target.value);
                    }}
                  />
                  <FieldError id={`${controlId(index, "name")}-error`} message={nameError} />
                </div>
                <div className="space-y-1">
                  <label htmlFor={valueId} className="sr-only">
                    {Noun} value {n}
                  </label>
                  {secret ? (
                    <Input
                      key="secret"
                      id={valueId}
                      type="password"
                      placeholder={keepsStored ? STORED_PLACEHOLDER : "Value"}
                      autoComplete="off"
                      spellCheck={false}
                      aria-invalid={Boolean(valueError)}
                      aria-describedby={valueDescribedBy}
                      {...valueField}
                    />
                  ) : (
                    <Textarea
                      key="plain"
                      id={valueId}
                      rows={1}
                      placeholder="Value"
                      autoComplete="off"
                      spellCheck={false}
                      className="resize-y"
                      aria-invalid={Boolean(valueError)}
                      aria-describedby={valueDescribedBy}
                      {...valueField}
                    />
                  )}
                  {valueHelp && (
                    <p id={`${valueId}-help`} className="text-xs text-muted-foreground">
                      {valueHelp}
                    </p>
                  )}
                  <FieldError id={`${valueId}-error`} message={valueError} />
                </div>
                {allowSecret && (
                  <div className="flex items-center gap-1.5 py-2">
                    <FormCheckbox
                      name={`${path}.${index}.secret` as FormPath}
                      id={controlId(index, "secret")}
                      onUserChange={() => followsName.current.delete(field.id)} // the admin decided: the name no longer decides
                    />
                    <label htmlFor={controlId(index, "secret")} className="text-sm text-foreground">
                      Secret
                      <span className="sr-only">
                        {" "}
                        {noun} {n}
                      </span>
                    </label>
                  </div>
                )}
                <div className="flex gap-1">
                  <Button
                    variant="ghost"
                    size="sm"
                    id={controlId(index, "up")}
                    className={rowButton}
                    aria-label={`Move ${noun} ${n} up`}
                    aria-disabled={first || undefined}
                    onClick={() => moveRow(index, index - 1, "up")}
                  >
                    <ArrowUp aria-hidden="true" />
                  </Button>
                  <Button
                    variant="ghost"
                    size="sm"
                    id={controlId(index, "down")}
                    className={rowButton}
                    aria-label={`Move ${noun} ${n} down`}
                    aria-disabled={last || undefined}
                    onClick={() => moveRow(index, index + 1, "down")}
                  >
                    <ArrowDown aria-hidden="true" />
                  </Button>
                  <Button variant="ghost" size="sm" className={rowButton} aria-label={`Remove ${noun} ${n}`} onClick={() => removeRow(index)}>
                    Remove
                  </Button>
                </div>
              </li>
            );
          })}
        </ol>
      )}
      <FieldError message={listError} />
      {fields.length < LIMITS.extraRows ? (
        <Button id={addId} variant="secondary" onClick={addRow}>
          Add {noun}
        </Button>
      ) : (
        <p className="text-xs text-muted-foreground">
          At most {LIMITS.extraRows} {noun}s.
        </p>
      )}
    </fieldset>
  );
}

/** What happens to a secret row's value on save; nothing to say for a plain row that never was secret. */
function secretValueHelp({
  secret,
  hadStoredValue,
  keepsStored,
  originMoved,
}: {
  secret: boolean;
  hadStoredValue: boolean;
  keepsStored: boolean;
  originMoved: boolean;
}): string | null {
  if (keepsStored) return "Stored encrypted and never shown. Left empty, the stored value is kept.";
  if (secret && hadStoredValue && originMoved) return "The vendor URL's origin changed: enter the value again.";
  if (secret) return "Stored encrypted when you save, and never shown again.";
  if (hadStoredValue) return "Not secret any more: the stored value is dropped when you save. Enter the value to keep, shown in plain text.";
  return null;
}
