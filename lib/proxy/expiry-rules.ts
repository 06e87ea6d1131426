/**
 * When a vendor response means "the access token is no longer valid". Always HTTP 401 (RFC 6750
 * §3.1 invalid_token). Per connector, admins may add rules for vendors that say it differently:
 * other statuses (some answer 403), optionally only when a JSON body field has one of some values
 * (Slack answers 200 with `"error": "token_expired"`).
 *
 * Rules live in the Setting table (`proxy.expiry-rules:<connectorId>`), cached per process for a
 * few seconds so the proxy does not read them on every request.
 */
import { z } from "zod";
import type { Db } from "../db";
import { cacheFor } from "../api-keys/ttl-cache";

export const expiryRulesSchema = z
  .object({
    statuses: z.array(z.coerce.number().int().min(200, "Use a status from 200 to 599").max(599, "Use a status from 200 to 599")).max(10, "At most 10 statuses"),
    bodyField: z
      .string()
      .trim()
      .max(200)
      .regex(/^([A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*)?$/, "A field name, or a dotted path such as error.code"),
    bodyValues: z.array(z.string().trim().min(1).max(200)).max(10, "At most 10 values"),
  })
  .refine((rules) => rules.bodyField === "" || rules.statuses.length > 0, { path: ["statuses"], message: "Name the statuses whose body is checked" })
  .refine((rules) => rules.bodyField === "" || rules.bodyValues.length > 0, { path: ["bodyValues"], message: "Enter the values that mean the token expired" });

export type ExpiryRules = z.output<typeof expiryRulesSchema>;

export const NO_EXTRA_RULES: ExpiryRules = { statuses: [], bodyField: "", bodyValues: [] };
export const BODY_INSPECTION_CAP = 64 * 1024;
const CACHE_MS = 5_000;
const settingKey = (connectorId: string) => `proxy.expiry-rules:${connectorId}`;

/** Whether the response may mean an expired token: decided on the status alone. */
export function statusMayMeanExpired(rules: ExpiryRules, status: number): boolean {
  return status === 401 || rules.statuses.includes(status);
}

/** Whether the body must be read to decide (only for an extra status with a body rule). */
export function needsBody(rules: ExpiryRules, status: number): boolean {
  return status !== 401 && rules.statuses.includes(status) && rules.bodyField !== "";
}

/** The decision once the body (when needed) has been read. */
export function meansExpired(rules: ExpiryRules, status: number, body: string | null): boolean {
  if (status === 401) return true;
  if (!rules.statuses.includes(status)) return false;
  if (rules.bodyField === "") return true;
  if (body === null) return false;
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return false;
  }
  for (const part of rules.bodyField.split(".")) {
    value = value !== null && typeof value === "object" ? (value as Record<string, unknown>)[part] : undefined;
  }
  return (typeof value === "string" || typeof value === "number" || typeof value === "boolean") && rules.bodyValues.includes(String(value));
}

const cacheOf = (db: Db) => cacheFor<string, ExpiryRules>(db, "proxy.expiry-rules", CACHE_MS);

/** For the proxy: cached for a few seconds. */
export async function loadExpiryRules(db: Db, connectorId: string): Promise<ExpiryRules> {
  const cached = cacheOf(db).get(connectorId);
  if (cached) return cached;
  const rules = await readExpiryRules(db, connectorId);
  cacheOf(db).set(connectorId, rules);
  return rules;
}

/** For the settings form: always the stored rules. */
export async function readExpiryRules(db: Db, connectorId: string): Promise<ExpiryRules> {
  const row = await db.setting.findUnique({ where: { key: settingKey(connectorId) } });
  let rules = NO_EXTRA_RULES;
  if (row) {
    try {
      const parsed = expiryRulesSchema.safeParse(JSON.parse(row.value));
      if (parsed.success) rules = parsed.data;
    } catch {
      // An unreadable row counts as no extra rules.
    }
  }
  return rules;
}

/** The form's shape: comma-separated lists, parsed into ExpiryRules on both sides. */
export const expiryRulesFormSchema = z.object({
  connectorId: z.string().min(1).max(64),
  statuses: z.string().max(200),
  bodyField: z.string().max(200),
  bodyValues: z.string().max(2000),
});
export type ExpiryRulesFormValues = z.input<typeof expiryRulesFormSchema>;

const list = (text: string) =>
  text
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean);

/** Parses the form's lists; the issues carry the form's field names. */
export function rulesFromForm(values: ExpiryRulesFormValues): ReturnType<typeof expiryRulesSchema.safeParse> {
  return expiryRulesSchema.safeParse({ statuses: list(values.statuses), bodyField: values.bodyField, bodyValues: list(values.bodyValues) });
}

export function formFromRules(connectorId: string, rules: ExpiryRules): ExpiryRulesFormValues {
  return { connectorId, statuses: rules.statuses.join(", "), bodyField: rules.bodyField, bodyValues: rules.bodyValues.join(", ") };
}

export async function saveExpiryRules(db: Db, connectorId: string, rules: ExpiryRules): Promise<void> {
  const key = settingKey(connectorId);
  if (rules.statuses.length === 0) await db.setting.deleteMany({ where: { key } });
  else await db.setting.upsert({ where: { key }, create: { key, value: JSON.stringify(rules) }, update: { value: JSON.stringify(rules) } });
  cacheOf(db).delete(connectorId);
}
