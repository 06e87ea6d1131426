/**
 * The vendor catalog: presets an admin can start a connector from, ordered by name. Data only
 * (one file per vendor under presets/), checked by test/catalog/presets.test.ts.
 */
import type { Preset } from "./types";
import { microsoftEntraId } from "./presets/microsoft-entra-id";

export type { Preset, PresetExtras, PresetKeyValue, PresetMetadataField, PresetScope, PresetSource, PresetVariable } from "./types";

export const PRESETS: readonly Preset[] = [microsoftEntraId].sort((a, b) => a.name.localeCompare(b.name, "en"));

const BY_ID = new Map(PRESETS.map((preset) => [preset.id, preset]));

export function presetById(id: string | null | undefined): Preset | null {
  return (id && BY_ID.get(id)) || null;
}
