"use client";

import { createContext, useContext } from "react";
import { Badge } from "@/components/ui/badge";

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
    <Badge tone="primary" outline data-preset-mark={name}>
      From preset
    </Badge>
  );
}
