/**
 * The alert webhook form's schema, shared by the settings form and its server action. The URL
 * follows the vendor URL rules (https only; loopback only with LATCHKEY_DEV_ALLOW_LOOPBACK), and
 * the request is sent through the same SSRF guard.
 */
import { z } from "zod";
import { URL_MAX_LENGTH, vendorUrlProblem } from "../http/url-policy";

export function alertWebhookSchema(rules: { allowLoopback: boolean }) {
  return z.object({
    url: z
      .string()
      .trim()
      .min(1, "Enter the webhook URL")
      .max(URL_MAX_LENGTH, `At most ${URL_MAX_LENGTH} characters`)
      .superRefine((value, ctx) => {
        const problem = vendorUrlProblem(value, rules);
        if (problem) ctx.addIssue({ code: "custom", message: problem });
      }),
  });
}

export type AlertWebhookValues = z.input<ReturnType<typeof alertWebhookSchema>>;
