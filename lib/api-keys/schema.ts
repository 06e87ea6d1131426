/** The API key form's schema, shared by the client form and the server action. */
import { z } from "zod";

export const API_KEY_NAME_MAX = 100;

export const createApiKeySchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Enter a name")
    .max(API_KEY_NAME_MAX, `At most ${API_KEY_NAME_MAX} characters`)
    .regex(/^[^\u0000-\u001f\u007f]*$/, "The name must not contain line breaks or control characters"),
  /** "" (all connectors) or one connector's id. */
  connectorId: z.string().max(64).default(""),
});

export type CreateApiKeyInput = z.output<typeof createApiKeySchema>;
export type CreateApiKeyValues = z.input<typeof createApiKeySchema>;

export const apiKeyIdSchema = z.object({ id: z.string().min(1).max(64) });
