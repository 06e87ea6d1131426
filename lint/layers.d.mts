/** Types for lint/layers.mjs, which ESLint loads as plain JavaScript and the layering test imports. */
import type { Linter } from "eslint";

export interface Layer {
  name: string;
  folders: string[];
}

export const LAYERS: Layer[];
export const layerConfigs: Linter.Config[];
