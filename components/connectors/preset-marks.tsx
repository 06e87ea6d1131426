"use client";

import { createContext, useContext } from "react";

/** Form fields whose current value came from the chosen vendor preset (lib/connectors/preset-values.ts). */
const PresetMarksContext = createContext<ReadonlySet<string>>(new Set());

export const PresetMarksProvider = PresetMarksContext.Provider;

/**
 * "From preset" beside a field's label, outside the label element so that the field's accessible
 * name stays exactly its label.
 */
export function PresetMark({ name }: { name: string }) {
  const marks = useContext(PresetMarksContext);
  if (!marks.has(name)) return null;
  return (
    <span className="rounded bg-indigo-50 px-1.5 py-0.5 text-xs font-medium text-indigo-800 ring-1 ring-indigo-200" data-preset-mark={name}>
      From preset
    </span>
  );
}
