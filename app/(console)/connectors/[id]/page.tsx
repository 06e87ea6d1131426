import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePageSession } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { getConfig } from "@/lib/env";
import { getConnectorForEdit } from "@/lib/connectors/queries";
import { PageHeader } from "@/components/ui/page-header";
import { ConnectorForm } from "@/components/connectors/connector-form";
import { FlashNote } from "@/components/connectors/flash-note";
import { accessMethodLabel } from "@/components/connectors/labels";
import { presetById } from "@/lib/catalog";
import { TokenPanel } from "@/components/tokens/token-panel";
import { ConnectorHistory } from "@/components/history/connector-history";
import { SendTestRequest } from "@/components/test-request/send-test-request";
import { ExpiryRulesSection } from "@/components/test-request/expiry-rules-section";

export const metadata: Metadata = { title: "Connector" };
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Edit for admins, read-only for viewers. Only non-secret values reach the client (SECURITY 10). */
export default async function ConnectorPage({ params, searchParams }: Props) {
  const { user } = await requirePageSession();
  const [{ id }, query] = await Promise.all([params, searchParams]);
  const connector = await getConnectorForEdit(getDb(), id);
  if (!connector) notFound();
  const config = getConfig();
  const canEdit = user.role === "admin";
  const { values } = connector;
  const name = values.name;
  return (
    <div className="max-w-3xl">
      <Link href="/connectors" className="text-sm font-medium text-indigo-700 underline">
        Back to connectors
      </Link>
      <div className="mt-3">
        <PageHeader title={name} description={[presetById(values.presetId)?.name, accessMethodLabel(values.grantType, values.credentialType), `configuration version ${connector.configVersion}`].filter(Boolean).join(" · ")} />
      </div>
      {query.created === "1" && <FlashNote param="created">Connector created. Register the Redirect URI below with the vendor if you have not yet.</FlashNote>}
      {query.copied === "1" && (
        <FlashNote param="copied" tone="info">
          This is a copy. Secrets and tokens are never copied: enter this connector&apos;s own Client Secret, then save.
        </FlashNote>
      )}
      <div className="mb-6">
        <TokenPanel connectorId={connector.id} connectorName={name} grantType={values.grantType} canChange={canEdit} showSensitive={canEdit} eventId={typeof query.event === "string" ? query.event : undefined} />
      </div>
      <ConnectorForm
        key={connector.id}
        connector={{
          id: connector.id,
          savedName: name,
          hasClientSecret: connector.hasClientSecret,
          storedSecretExtras: connector.storedSecretExtras,
          storedSecrets: connector.storedSecrets,
          // Served to the vendor by the JWKS route; only the public key is there (SECURITY 44).
          jwksUrl: `${config.publicUrl}/api/v1/connectors/${connector.id}/jwks.json`,
          publicJwk: connector.publicJwk,
        }}
        initialValues={{ ...values, clientSecret: "" }}
        allowLoopback={config.devAllowLoopback}
        redirectUri={config.redirectUri}
        canEdit={canEdit}
      />
      {canEdit && (
        <div className="mt-8 space-y-6">
          <SendTestRequest connectorId={connector.id} />
          <ExpiryRulesSection connectorId={connector.id} />
        </div>
      )}
      <div className="mt-8">
        <ConnectorHistory connectorId={connector.id} />
      </div>
    </div>
  );
}
