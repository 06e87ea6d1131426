import { getDb } from "@/lib/db";
import { formFromRules, readExpiryRules } from "@/lib/proxy/expiry-rules";
import { ExpiryRulesForm } from "./expiry-rules-form";

/** Server component: loads the connector's stored rules for the form. Mount for admins only. */
export async function ExpiryRulesSection({ connectorId }: { connectorId: string }) {
  const rules = await readExpiryRules(getDb(), connectorId);
  return <ExpiryRulesForm initial={formFromRules(connectorId, rules)} />;
}
