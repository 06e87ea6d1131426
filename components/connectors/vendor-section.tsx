"use client";

import { useEffect, useId, useMemo, useRef, useState } from "react";
import { useFormContext, useWatch, type Path } from "react-hook-form";
import { PRESETS, presetById, type Preset } from "@/lib/catalog";
import type { ConnectorFormValues } from "@/lib/connectors/schema";
import { followPreset, genericFilledValues, presetFilledValues, type PresetFilledValues } from "@/lib/connectors/preset-values";
import { TextField } from "./controls";
import { PresetDetails } from "./preset-details";
import { PresetComparison } from "./preset-comparison";
import { Input } from "@/components/ui/form-field";
import { Select } from "@/components/ui/select";
import { Card } from "@/components/ui/card";

export const GENERIC_VENDOR_LABEL = "Other (generic OAuth 2.0)";

type Variables = Record<string, string>;

function variablesFor(preset: Preset | null, previous: Variables): Variables {
  return preset ? Object.fromEntries(preset.variables.map((variable) => [variable.name, previous[variable.name] ?? ""])) : {};
}

function filledFor(preset: Preset | null, variables: Variables): PresetFilledValues {
  return preset ? presetFilledValues(preset, variables) : genericFilledValues();
}

/**
 * Where a connector starts: a vendor from the catalog, or the generic form. Choosing a vendor
 * fills the form (every value stays editable); the vendor's template variables (Tenant, Okta
 * domain…) are fields of their own, and typing one refills the URLs that still hold the
 * preset's value. A new connector chooses; a saved one shows its preset and can compare with
 * the catalog's current version.
 */
export function VendorSection({ choosable, savedVersion }: { choosable: boolean; savedVersion: number | null }) {
  const { control, getValues, setValue } = useFormContext<ConnectorFormValues>();
  const presetId = useWatch({ control, name: "presetId" }) ?? "";
  const preset = presetById(presetId);
  // What the form last filled from the preset and variables: fields still equal to it follow the next change.
  const lastFilled = useRef<PresetFilledValues>(filledFor(preset, getValues("presetVariables") ?? {}));

  const apply = (after: PresetFilledValues) => {
    const updates = followPreset(getValues(), lastFilled.current, after);
    for (const [field, value] of Object.entries(updates)) {
      setValue(field as Path<ConnectorFormValues>, value as never, { shouldDirty: true, shouldValidate: false });
    }
    lastFilled.current = after;
  };

  const choose = (id: string) => {
    const next = presetById(id);
    const variables = variablesFor(next, getValues("presetVariables") ?? {});
    apply(filledFor(next, variables));
    setValue("presetId", next?.id ?? "", { shouldDirty: true });
    setValue("presetVersion", next?.version ?? null, { shouldDirty: true });
    setValue("presetVariables", variables, { shouldDirty: true });
    const name = getValues("name")?.trim() ?? "";
    const previousName = presetById(presetId)?.name;
    if (next && (name === "" || name === previousName)) setValue("name", next.name, { shouldDirty: true });
  };

  const onVariableTyped = () => apply(filledFor(preset, getValues("presetVariables") ?? {}));

  return (
    // Not a labelled region: its name would make getByLabel("Vendor") ambiguous with the control itself.
    <Card asChild padding="lg" className="space-y-4">
      <section>
        <h2 className="text-base font-semibold text-foreground">Start from a vendor</h2>
        {choosable ? (
          <VendorChooser value={presetId} onChoose={choose} />
        ) : (
          <p className="text-sm text-foreground">
            {preset ? (
              <>
                Started from the <strong>{preset.name}</strong> preset (version {savedVersion ?? preset.version}).
              </>
            ) : presetId ? (
              <>Started from a preset that is no longer in the catalog ({presetId}).</>
            ) : (
              <>{GENERIC_VENDOR_LABEL}.</>
            )}
          </p>
        )}
        {preset && (
          <>
            {preset.variables.length > 0 && (
              <div className="grid gap-4 sm:grid-cols-2">
                {preset.variables.map((variable) => (
                  <VariableField
                    key={variable.name}
                    name={variable.name}
                    label={variable.label}
                    help={variable.help}
                    example={variable.example}
                    onTyped={onVariableTyped}
                  />
                ))}
              </div>
            )}
            <PresetDetails preset={preset} />
            {!choosable && savedVersion !== null && savedVersion !== preset.version && (
              <PresetComparison preset={preset} savedVersion={savedVersion} onApplied={(after) => (lastFilled.current = after)} />
            )}
          </>
        )}
      </section>
    </Card>
  );
}

function VariableField({ name, label, help, example, onTyped }: { name: string; label: string; help: string; example: string; onTyped: () => void }) {
  // The URLs follow each keystroke.
  return (
    <TextField
      name={`presetVariables.${name}` as Path<ConnectorFormValues>}
      label={label}
      help={help}
      placeholder={`For example ${example}`}
      required
      onValueChange={onTyped}
    />
  );
}

/** A search box narrowing a native select: keyboard and screen-reader behaviour come with the select. */
function VendorChooser({ value, onChoose }: { value: string; onChoose: (id: string) => void }) {
  const [query, setQuery] = useState("");
  const id = useId();
  // Uncontrolled, so a vendor picked before the page finished loading is not reset by hydration;
  // once loaded, that choice is applied like any other.
  const select = useRef<HTMLSelectElement>(null);
  const search = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (search.current?.value) setQuery(search.current.value);
    const picked = select.current?.value ?? "";
    if (picked !== value) onChoose(picked);
    // Once, at mount: later choices arrive through onChange.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const shown = useMemo(() => {
    const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
    return PRESETS.filter((preset) => preset.id === value || words.every((word) => `${preset.name} ${preset.description}`.toLowerCase().includes(word)));
  }, [query, value]);
  return (
    <div className="grid gap-3 sm:grid-cols-[1fr_2fr]">
      <div className="space-y-1">
        <label htmlFor={`${id}-search`} className="block text-sm font-medium text-foreground">
          Search the catalog
        </label>
        <Input
          ref={search}
          id={`${id}-search`}
          type="search"
          defaultValue=""
          onChange={(event) => setQuery(event.target.value)}
          placeholder="Okta, Zoom, Microsoft…"
          autoComplete="off"
        />
      </div>
      <div className="space-y-1">
        <label htmlFor={`${id}-vendor`} className="block text-sm font-medium text-foreground">
          Vendor
        </label>
        <Select ref={select} id={`${id}-vendor`} defaultValue={value} onChange={(event) => onChoose(event.target.value)} aria-describedby={`${id}-help`}>
          <option value="">{GENERIC_VENDOR_LABEL}</option>
          {shown.map((preset) => (
            <option key={preset.id} value={preset.id}>
              {preset.name}
            </option>
          ))}
        </Select>
        <p id={`${id}-help`} className="text-xs text-muted-foreground">
          {query && shown.length === 0
            ? "No vendor in the catalog matches; choose Other to fill the form yourself."
            : `${PRESETS.length} vendors in the catalog. Choosing one fills the form; every value stays editable.`}
        </p>
      </div>
    </div>
  );
}
