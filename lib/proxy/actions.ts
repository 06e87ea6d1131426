"use server";

import { getConfig } from "../env";
import { getDb } from "../db";
import { sessionAction } from "../auth/action";
import { DomainError } from "../errors";
import { recordEvent } from "../events";
import { sharedStreamPool } from "../http/guarded-stream";
import { expiryRulesFormSchema, formFromRules, rulesFromForm, saveExpiryRules } from "./expiry-rules";
import { testRequestSchema } from "./test-request-schema";
import { runTestRequest } from "./test-request";

/** Send test request: runs server-side through the proxy core; the result is redacted (lib/proxy/test-request.ts). */
export const sendTestRequestAction = sessionAction("admin", testRequestSchema, async (input, { actor }) => {
  const config = getConfig();
  return runTestRequest({ db: getDb(), config, pool: sharedStreamPool({ allowLoopback: config.devAllowLoopback }) }, actor, input);
});

/** Extra "the token expired" rules for the proxy (lib/proxy/expiry-rules.ts). */
export const saveExpiryRulesAction = sessionAction("admin", expiryRulesFormSchema, async (values, { actor }) => {
  const parsed = rulesFromForm(values);
  if (!parsed.success)
    throw new DomainError("INVALID_INPUT", parsed.error.issues[0]?.message ?? "Check the rules", String(parsed.error.issues[0]?.path[0] ?? "statuses"));
  const db = getDb();
  if (!(await db.connector.findUnique({ where: { id: values.connectorId }, select: { id: true } })))
    throw new DomainError("NOT_FOUND", "This connector no longer exists.");
  await saveExpiryRules(db, values.connectorId, parsed.data);
  await recordEvent(db, actor, { connectorId: values.connectorId, type: "proxy.expiry_rules_updated", detail: { ...parsed.data } });
  return formFromRules(values.connectorId, parsed.data);
});
