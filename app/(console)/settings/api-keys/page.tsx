import type { Metadata } from "next";
import Link from "next/link";
import { requirePageSession } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { listApiKeys } from "@/lib/api-keys/service";
import { listConnectors } from "@/lib/connector-admin/queries";
import { PageHeader } from "@/components/ui/page-header";
import { CreateApiKeyForm } from "@/components/api-keys/create-api-key-form";
import { ApiKeyTable } from "@/components/api-keys/api-key-table";

export const metadata: Metadata = { title: "API keys" };
export const dynamic = "force-dynamic";

export default async function ApiKeysPage() {
  await requirePageSession("admin");
  const db = getDb();
  const [keys, connectors] = await Promise.all([listApiKeys(db), listConnectors(db)]);
  return (
    <>
      <PageHeader
        title="API keys"
        description={
          <>
            Sync workers use these keys to get tokens or call vendor APIs through Latchkey. See the{" "}
            <Link href="/api-docs" className="font-medium text-primary underline">
              API page
            </Link>{" "}
            for how.
          </>
        }
      />
      <div className="space-y-6">
        <CreateApiKeyForm connectors={connectors.map(({ id, name }) => ({ id, name }))} />
        <ApiKeyTable keys={keys} />
      </div>
    </>
  );
}
