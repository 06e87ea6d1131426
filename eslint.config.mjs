import next from "eslint-config-next";
import nextTs from "eslint-config-next/typescript";
import { layerConfigs } from "./lint/layers.mjs";

const config = [
  ...next,
  ...nextTs,
  // lib's layers and what components may import (lint/layers.mjs; README → Architecture → Layers).
  ...layerConfigs,
  { ignores: [".next/**", "generated/**", ".data/**", "node_modules/**", "test-results/**", "playwright-report/**", "next-env.d.ts"] },
];

export default config;
