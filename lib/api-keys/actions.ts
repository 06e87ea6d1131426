"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "../db";
import { sessionAction } from "../auth/action";
import { apiKeyIdSchema, createApiKeySchema } from "./schema";
import { createApiKey, revokeApiKey } from "./service";

const API_KEYS_PATH = "/settings/api-keys";

/** Returns the whole key this once; only its SHA-256 is stored. */
export const createApiKeyAction = sessionAction("admin", createApiKeySchema, async (input, { actor }) => {
  const created = await createApiKey(getDb(), actor, input);
  revalidatePath(API_KEYS_PATH);
  return { name: input.name, key: created.key };
});

export const revokeApiKeyAction = sessionAction("admin", apiKeyIdSchema, async ({ id }, { actor }) => {
  await revokeApiKey(getDb(), actor, id);
  revalidatePath(API_KEYS_PATH);
});
