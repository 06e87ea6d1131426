import type { Metadata } from "next";
import Link from "next/link";
import { requirePageSession } from "@/lib/auth/session";
import { getConfig } from "@/lib/env";
import { PageHeader } from "@/components/ui/page-header";
import { CopyButton } from "@/components/ui/copy-button";
import { AlertWebhookForm } from "@/components/settings/alert-webhook-form";
import { getAlertWebhookSummary } from "@/lib/alerts/service";
import { getDb } from "@/lib/db";
import { Card } from "@/components/ui/card";

export const metadata: Metadata = { title: "Settings" };
export const dynamic = "force-dynamic";

export default async function SettingsPage() {
  const { user } = await requirePageSession();
  const config = getConfig();
  const webhook = await getAlertWebhookSummary(getDb());
  return (
    <>
      <PageHeader title="Settings" />
      <div className="space-y-6">
        <Card asChild>
          <section>
            <h2 className="text-base font-semibold">Redirect URI</h2>
            <p className="mt-1 text-sm text-muted-foreground">
              Register exactly this value as the redirect (callback) URL in each vendor&apos;s developer console. It comes from
              <code className="mx-1">LATCHKEY_PUBLIC_URL</code>.
            </p>
            <div className="mt-3 flex items-center gap-2">
              <code className="min-w-0 flex-1 truncate rounded bg-muted px-2 py-1.5 text-sm">{config.redirectUri}</code>
              <CopyButton value={config.redirectUri} />
            </div>
          </section>
        </Card>
        <Card asChild>
          <section>
            <h2 className="text-base font-semibold">Installation</h2>
            <dl className="mt-2 grid grid-cols-[12rem_1fr] gap-y-1 text-sm">
              <dt className="text-muted-foreground">Database</dt>
              <dd>{config.databaseKind === "sqlite" ? "SQLite (embedded)" : "PostgreSQL"}</dd>
              <dt className="text-muted-foreground">Encryption key in use</dt>
              <dd>
                <code>{config.keyRing.currentId}</code> ({config.keyRing.keys.size} key{config.keyRing.keys.size === 1 ? "" : "s"} in the ring)
              </dd>
              <dt className="text-muted-foreground">Single sign-on</dt>
              <dd>{config.oidc ? config.oidc.issuer : "Not configured"}</dd>
            </dl>
          </section>
        </Card>
        <Card asChild>
          <section aria-labelledby="alerts-heading">
            <h2 id="alerts-heading" className="text-base font-semibold">
              Alerts
            </h2>
            {user.role === "admin" ? (
              <AlertWebhookForm configured={webhook.configured} host={webhook.host} allowLoopback={config.devAllowLoopback} />
            ) : (
              <p className="mt-1 text-sm text-muted-foreground">
                {webhook.configured ? "An alert webhook is configured." : "No alert webhook is configured."} Admins manage it here.
              </p>
            )}
          </section>
        </Card>
        {user.role === "admin" && (
          <Card asChild>
            <section>
              <h2 className="text-base font-semibold">Users</h2>
              <p className="mt-1 text-sm text-muted-foreground">Invite people and choose who can change things.</p>
              <Link href="/settings/users" className="mt-2 inline-block text-sm font-medium text-primary underline">
                Manage users
              </Link>
            </section>
          </Card>
        )}
        {user.role === "admin" && (
          <Card asChild>
            <section>
              <h2 className="text-base font-semibold">API keys</h2>
              <p className="mt-1 text-sm text-muted-foreground">Keys let sync workers fetch tokens and call vendor APIs through Latchkey.</p>
              <Link href="/settings/api-keys" className="mt-2 inline-block text-sm font-medium text-primary underline">
                Manage API keys
              </Link>
            </section>
          </Card>
        )}
      </div>
    </>
  );
}
