import { readExpiryRulesForm } from "@/lib/proxy/page-data";
import { ExpiryRulesForm } from "./expiry-rules-form";

/** Server component: loads the connector's stored rules for the form. Mount for admins only. */
export async function ExpiryRulesSection({ connectorId }: { connectorId: string }) {
  return <ExpiryRulesForm initial={await readExpiryRulesForm(connectorId)} />;
}
