import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requirePageSession } from "@/lib/auth/session";
import { getConfig } from "@/lib/env";
import { connectorPageTitle, loadConnectorPage } from "@/lib/connectors/connector-page";
import { ConnectorForm } from "@/components/connectors/connector-form";
import { FlashNote } from "@/components/connectors/flash-note";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Pick<Props, "params">): Promise<Metadata> {
  return { title: await connectorPageTitle((await params).id, "configuration") };
}

/**
 * Configuration: the connector form, editable by admins and read-only for viewers. Only non-secret
 * values reach the client (SECURITY 10). A new or duplicated connector lands here, where its
 * Redirect URI and the secrets it still needs are.
 */
export default async function ConnectorConfigurationPage({ params, searchParams }: Props) {
  const { user } = await requirePageSession();
  const [{ id }, query] = await Promise.all([params, searchParams]);
  const connector = await loadConnectorPage(id);
  if (!connector) notFound();
  const config = getConfig();
  const canEdit = user.role === "admin";
  return (
    <>
      {query.created === "1" && (
        <FlashNote param="created">
          Connector created. Register the Redirect URI below with the vendor if you have not yet, then authorize it on Overview.
        </FlashNote>
      )}
      {query.copied === "1" && (
        <FlashNote param="copied" tone="info">
          This is a copy. Secrets and tokens are never copied: enter this connector&apos;s own Client Secret, then save.
        </FlashNote>
      )}
      <ConnectorForm
        key={connector.id}
        connector={{
          id: connector.id,
          savedName: connector.values.name,
          hasClientSecret: connector.hasClientSecret,
          storedSecretExtras: connector.storedSecretExtras,
          storedSecrets: connector.storedSecrets,
          // Served to the vendor by the JWKS route; only the public key is there (SECURITY 44).
          jwksUrl: `${config.publicUrl}/api/v1/connectors/${connector.id}/jwks.json`,
          publicJwk: connector.publicJwk,
        }}
        initialValues={{ ...connector.values, clientSecret: "" }}
        allowLoopback={config.devAllowLoopback}
        redirectUri={config.redirectUri}
        canEdit={canEdit}
      />
    </>
  );
}
