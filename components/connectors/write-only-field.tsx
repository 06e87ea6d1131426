"use client";

import { useId, useRef, useState } from "react";
import { useFormContext, useWatch } from "react-hook-form";
import type { ConnectorFormValues } from "@/lib/connectors/schema";
import type { WriteOnlyField as WriteOnlyName } from "@/lib/connectors/records";
import { Button } from "@/components/ui/button";
import { errorAt } from "./controls";
import { useWriteOnlyState } from "./write-only-state";
import { FormField, Input, Textarea } from "@/components/ui/form-field";

export interface WriteOnlyFieldProps {
  name: Exclude<WriteOnlyName, "clientSecret">;
  label: string;
  /** Shown instead of the input while a value is stored: "A private key is set". */
  setText: string;
  /** Help while nothing is stored (or when it must be entered again). */
  help: string;
  required?: boolean;
  /** A textarea, for PEM keys and JWKs: an input would drop the line breaks. */
  multiline?: boolean;
  /** The stored value may not be kept (the vendor moved to another origin): the input is open and says why. */
  enterAgain?: string | null;
}

/**
 * A write-only value (SECURITY 10), like the Client Secret (client-secret-field.tsx): the page
 * knows only whether one is stored. Stored: "… is set" and Replace; saving without replacing
 * keeps it. Remounted after each save (`saves`), which closes an open Replace again.
 */
export function WriteOnlyField(props: WriteOnlyFieldProps) {
  const { saves } = useWriteOnlyState();
  return <WriteOnlyFieldAfterSave key={saves} {...props} />;
}

function WriteOnlyFieldAfterSave({ name, label, setText, help, required, multiline, enterAgain }: WriteOnlyFieldProps) {
  const { register, formState, resetField, control } = useFormContext<ConnectorFormValues>();
  const { stored } = useWriteOnlyState();
  const error = errorAt(formState.errors, name);
  const pending = (useWatch({ control, name }) ?? "") !== "";
  const id = useId();
  const replaceButton = useRef<HTMLButtonElement>(null);
  const [replacing, setReplacing] = useState(false);
  // A server error on the stored value (it may not follow a new origin), or a value filled in by
  // another control (Use this key), opens the input: what will be saved is never hidden.
  if ((error || pending) && stored[name] && !replacing) setReplacing(true);
  const isSet = stored[name] && !enterAgain;

  if (isSet && !replacing) {
    return (
      <div role="group" aria-labelledby={`${id}-label`} aria-describedby={`${id}-state ${id}-help`} className="space-y-1">
        <p id={`${id}-label`} className="text-sm font-medium text-foreground">
          {label}
        </p>
        <div className="flex items-center gap-3">
          <p id={`${id}-state`} className="text-sm text-foreground">
            {setText}
          </p>
          <Button ref={replaceButton} variant="secondary" onClick={() => setReplacing(true)}>
            Replace
          </Button>
        </div>
        <p id={`${id}-help`} className="text-xs text-muted-foreground">
          Stored encrypted and never shown. Saving without replacing it keeps the stored value.
        </p>
      </div>
    );
  }

  const shownHelp = enterAgain ?? (isSet ? "Enter the new value. It replaces the stored one when you save." : help);
  const cancel = () => {
    resetField(name);
    setReplacing(false);
    // The Replace button is back once this renders; return focus to it.
    requestAnimationFrame(() => replaceButton.current?.focus());
  };
  return (
    <FormField label={label} help={shownHelp} error={error}>
      {({ id: inputId, describedBy, invalid }) => {
        const shared = {
          id: inputId,
          autoComplete: "off",
          spellCheck: false,
          autoFocus: replacing,
          "aria-required": required || undefined,
          "aria-describedby": describedBy,
          "aria-invalid": invalid,
          ...register(name),
        };
        return (
          <div className="flex items-start gap-2">
            {multiline ? (
              <Textarea rows={6} className="font-mono text-xs" placeholder="-----BEGIN PRIVATE KEY-----" {...shared} />
            ) : (
              <Input type="password" {...shared} />
            )}
            {isSet && (
              <Button variant="secondary" onClick={cancel}>
                Cancel
              </Button>
            )}
          </div>
        );
      }}
    </FormField>
  );
}
