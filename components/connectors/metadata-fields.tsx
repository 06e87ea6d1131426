"use client";

import { useEffect, useId, useRef } from "react";
import { useFieldArray, useFormContext } from "react-hook-form";
import { LIMITS, METADATA_SOURCES, type ConnectorFormValues } from "@/lib/connectors/schema";
import { Button } from "@/components/ui/button";
import { errorAt, FormCheckbox, type FormPath } from "./controls";
import { PresetMark } from "./preset-marks";
import { FieldError, Input } from "@/components/ui/form-field";
import { Select } from "@/components/ui/select";

const SOURCE_LABELS: Record<(typeof METADATA_SOURCES)[number], string> = { token: "Token response", redirect: "Redirect" };

/**
 * The connection metadata fields to keep (`metadataFields`): where each comes from, its name
 * (dotted for a nested token-response field), and whether viewers may see its value. Validated
 * by the shared schema; errors appear beside the row they concern. After a removal, focus moves
 * to the next row's name (or the Add button), as in KeyValueEditor.
 */
export function MetadataFieldsEditor() {
  const { control, register, formState } = useFormContext<ConnectorFormValues>();
  const { fields, append, remove } = useFieldArray({ control, name: "metadataFields" });
  const baseId = useId();
  const pendingFocus = useRef<string | null>(null);
  const controlId = (index: number, part: "source" | "name" | "sensitive") => `${baseId}-${index}-${part}`;
  const addId = `${baseId}-add`;
  const helpId = `${baseId}-help`;

  useEffect(() => {
    if (!pendingFocus.current) return;
    document.getElementById(pendingFocus.current)?.focus();
    pendingFocus.current = null;
  });

  const removeRow = (index: number) => {
    remove(index);
    const next = fields.length - 1 > index ? index : index - 1;
    pendingFocus.current = next >= 0 ? controlId(next, "name") : addId;
  };
  const addRow = () => {
    append({ source: "token", name: "", sensitive: false });
    pendingFocus.current = controlId(fields.length, "name");
  };
  const listError = errorAt(formState.errors, "metadataFields");

  return (
    <fieldset className="space-y-2" aria-describedby={helpId}>
      <legend className="text-sm font-medium text-foreground">Connection metadata</legend>
      <PresetMark name="metadataFields" />
      <p id={helpId} className="text-xs text-muted-foreground">
        Values the sync job needs besides the token, kept when the connector is authorized: a field of the token response (dotted for a nested one, like
        team.id) or a parameter of the redirect back from the vendor (like QuickBooks&apos; realmId; Authorization Code only). Sync workers receive them under
        metadata, and the API Base URL may use them, like {"{instance_url}"}/services/data/v61.0. Sensitive values are shown to admins only.
      </p>
      {fields.length === 0 ? (
        <p className="text-xs text-muted-foreground">No fields kept.</p>
      ) : (
        <ol className="space-y-2">
          {fields.map((field, index) => {
            const n = index + 1;
            const path = `metadataFields.${index}` as const;
            const nameError = errorAt(formState.errors, `${path}.name`);
            const sourceError = errorAt(formState.errors, `${path}.source`);
            return (
              <li key={field.id} className="grid items-start gap-2 sm:grid-cols-[minmax(0,10rem)_minmax(0,1fr)_auto_auto]">
                <div className="space-y-1">
                  <label htmlFor={controlId(index, "source")} className="sr-only">
                    Metadata field {n} source
                  </label>
                  <Select
                    id={controlId(index, "source")}
                    aria-invalid={Boolean(sourceError)}
                    aria-describedby={sourceError ? `${controlId(index, "source")}-error` : undefined}
                    {...register(`${path}.source` as FormPath)}
                  >
                    {METADATA_SOURCES.map((source) => (
                      <option key={source} value={source}>
                        {SOURCE_LABELS[source]}
                      </option>
                    ))}
                  </Select>
                  <FieldError id={`${controlId(index, "source")}-error`} message={sourceError} />
                </div>
                <div className="space-y-1">
                  <label htmlFor={controlId(index, "name")} className="sr-only">
                    Metadata field {n} name
                  </label>
                  <Input
                    id={controlId(index, "name")}
                    placeholder="instance_url"
                    autoComplete="off"
                    spellCheck={false}
                    aria-invalid={Boolean(nameError)}
                    aria-describedby={nameError ? `${controlId(index, "name")}-error` : undefined}
                    {...register(`${path}.name` as FormPath)}
                  />
                  <FieldError id={`${controlId(index, "name")}-error`} message={nameError} />
                </div>
                <div className="flex items-center gap-2 pt-2">
                  <FormCheckbox name={`${path}.sensitive` as FormPath} id={controlId(index, "sensitive")} />
                  <label htmlFor={controlId(index, "sensitive")} className="text-sm text-foreground">
                    <span className="sr-only">Metadata field {n}: </span>
                    Sensitive <span className="text-muted-foreground">(hide from viewers)</span>
                  </label>
                </div>
                <Button variant="ghost" size="sm" className="text-muted-foreground" aria-label={`Remove metadata field ${n}`} onClick={() => removeRow(index)}>
                  Remove
                </Button>
              </li>
            );
          })}
        </ol>
      )}
      <FieldError message={listError} />
      {fields.length < LIMITS.metadataFields ? (
        <Button id={addId} variant="secondary" onClick={addRow}>
          Add metadata field
        </Button>
      ) : (
        <p className="text-xs text-muted-foreground">At most {LIMITS.metadataFields} fields.</p>
      )}
    </fieldset>
  );
}
