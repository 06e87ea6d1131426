/** The Import a refresh token form, checked in the browser and again by the server action. */
import { z } from "zod";
import { connectorIdSchema } from "../connectors/connector-id";

export const importRefreshTokenSchema = z.object({
  id: connectorIdSchema.shape.id,
  // RFC 6749 Appendix A.17: refresh-token = 1*VSCHAR. Trimmed, since a pasted token often brings a line break.
  refreshToken: z
    .string()
    .trim()
    .min(1, "Paste the refresh token")
    .max(8192, "At most 8192 characters")
    .regex(/^[\x20-\x7e]+$/, "A refresh token is one line of printable ASCII characters: check that it was copied whole"),
});

export type ImportRefreshTokenInput = z.input<typeof importRefreshTokenSchema>;
