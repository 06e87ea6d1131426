/** The Send test request form's schema, shared by the form and the server action. */
import { z } from "zod";

export const TEST_REQUEST_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"] as const;
export const TEST_BODY_MAX = 64 * 1024;

export const testRequestSchema = z.object({
  connectorId: z.string().min(1).max(64),
  method: z.enum(TEST_REQUEST_METHODS),
  path: z
    .string()
    .trim()
    .max(2048, "At most 2048 characters")
    .regex(/^[^\u0000-\u001f\u007f]*$/, "The path must not contain line breaks or control characters"),
  contentType: z
    .string()
    .trim()
    .max(200)
    .regex(/^[^\u0000-\u001f\u007f]*$/, "No line breaks"),
  body: z.string().max(TEST_BODY_MAX, `At most ${TEST_BODY_MAX / 1024} KiB`),
});

export type TestRequestInput = z.output<typeof testRequestSchema>;
export type TestRequestValues = z.input<typeof testRequestSchema>;
