/**
 * The expiry-rule read the connector page's Test tab makes (components/test-request), bound to
 * this process's database. Components import no database (lint/layers.mjs), so they call this;
 * the rules module keeps taking the database as an argument, so tests run it on both databases.
 */
import "server-only";
import { getDb } from "../db";
import { formFromRules, readExpiryRules, type ExpiryRulesFormValues } from "./expiry-rules";

/** The connector's stored expiry rules as the form edits them. */
export async function readExpiryRulesForm(connectorId: string): Promise<ExpiryRulesFormValues> {
  return formFromRules(connectorId, await readExpiryRules(getDb(), connectorId));
}
