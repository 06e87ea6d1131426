"use client";

import { useId, useRef, useState, type ClipboardEvent, type KeyboardEvent } from "react";
import { get, useController, useFormContext, useWatch } from "react-hook-form";
import type { ConnectorFormValues } from "@/lib/connectors/schema";
import { Button } from "@/components/ui/button";
import { RadioGroup } from "./controls";
import { SCOPE_SEPARATOR_OPTIONS } from "./labels";
import { PresetMark } from "./preset-marks";
import { FieldError, Input } from "@/components/ui/form-field";

/** The first scope error: one about the list, or one about a single value (named). */
function scopeError(errors: unknown, scopes: string[]): string | undefined {
  const node = get(errors, "scopes") as ({ message?: string; root?: { message?: string } } & Record<number, { message?: string } | undefined>) | undefined;
  if (!node) return undefined;
  if (node.message) return node.message;
  if (node.root?.message) return node.root.message;
  const index = scopes.findIndex((_, i) => node[i]?.message);
  return index >= 0 ? `“${scopes[index]}”: ${node[index]!.message}` : undefined;
}

/**
 * Scope values as chips, stored as a list (RFC 6749 §3.3 joins them with a space when sent;
 * some vendors want commas, hence the separator). Enter or `Add scope` adds what is typed;
 * pasting "a b c" adds three values.
 */
export function ScopeField() {
  const { control, formState } = useFormContext<ConnectorFormValues>();
  const { field } = useController({ control, name: "scopes" });
  const separator = useWatch({ control, name: "scopeSeparator" });
  const scopes = field.value ?? [];
  const [draft, setDraft] = useState("");
  const [note, setNote] = useState("");
  const inputRef = useRef<HTMLInputElement | null>(null);
  const id = useId();
  const error = scopeError(formState.errors, scopes);

  const split = (text: string) => text.split(separator === "," ? /[\s,]+/ : /\s+/).filter(Boolean);

  const add = (text: string) => {
    const values = split(text);
    const fresh = values.filter((v, i) => !scopes.includes(v) && values.indexOf(v) === i);
    const repeated = values.filter((v) => scopes.includes(v));
    if (fresh.length) field.onChange([...scopes, ...fresh]);
    setNote(repeated.length ? `Already in the list: ${repeated.join(", ")}` : fresh.length ? `Added ${fresh.join(", ")}` : "");
    return values.length > 0;
  };

  const commitDraft = () => {
    if (add(draft)) setDraft("");
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== "Enter") return;
    event.preventDefault(); // Enter adds a value here; it must not submit the form.
    commitDraft();
  };

  const onPaste = (event: ClipboardEvent<HTMLInputElement>) => {
    const text = event.clipboardData.getData("text");
    if (split(text).length < 2) return;
    event.preventDefault();
    add(text);
  };

  const removeAt = (index: number) => {
    const removed = scopes[index];
    field.onChange(scopes.filter((_, i) => i !== index));
    setNote(`Removed ${removed}`);
    inputRef.current?.focus();
  };

  const describedBy = [`${id}-help`, error ? `${id}-error` : ""].filter(Boolean).join(" ");
  return (
    <div className="space-y-3">
      <div className="space-y-1">
        <div className="flex flex-wrap items-center gap-2">
          <label htmlFor={id} className="block text-sm font-medium text-foreground">
            Scope
          </label>
          <PresetMark name="scopes" />
        </div>
        <div className="flex gap-2">
          <Input
            id={id}
            value={draft}
            autoComplete="off"
            spellCheck={false}
            aria-describedby={describedBy}
            aria-invalid={Boolean(error)}
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={onKeyDown}
            onPaste={onPaste}
            onBlur={() => {
              // A typed but not yet added value is not lost when the admin moves on.
              commitDraft();
              field.onBlur();
            }}
            name={field.name}
            ref={(el) => {
              inputRef.current = el;
              field.ref(el);
            }}
          />
          <Button variant="secondary" className="shrink-0 whitespace-nowrap" onClick={commitDraft}>
            Add scope
          </Button>
        </div>
        <p id={`${id}-help`} className="text-xs text-muted-foreground">
          The permissions to ask the vendor for, one value at a time (Enter adds it). Pasting several values separated by spaces adds each.
        </p>
        <FieldError id={`${id}-error`} message={error} />
        {scopes.length > 0 ? (
          <ul aria-label="Scope values" className="flex flex-wrap gap-2 pt-1">
            {scopes.map((scope, index) => (
              <li
                key={scope}
                className="inline-flex items-center gap-1 rounded-full border border-primary/30 bg-primary-muted py-0.5 pl-3 pr-1 text-sm text-primary"
              >
                <span>{scope}</span>
                <Button
                  variant="ghost"
                  size="sm"
                  className="rounded-full px-1 py-0.5 text-primary hover:bg-primary/10 hover:text-primary"
                  aria-label={`Remove scope ${scope}`}
                  onClick={() => removeAt(index)}
                >
                  <span aria-hidden="true">×</span>
                </Button>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-xs text-muted-foreground">No scope values: the vendor&apos;s default applies.</p>
        )}
        <p aria-live="polite" className="sr-only">
          {note}
        </p>
      </div>
      <RadioGroup
        name="scopeSeparator"
        legend="Scope separator"
        help="How the values are joined when sent. Most vendors expect spaces; a few expect commas."
        options={SCOPE_SEPARATOR_OPTIONS}
      />
    </div>
  );
}
