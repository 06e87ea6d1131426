import type { Metadata } from "next";
import Link from "next/link";
import { requirePageSession } from "@/lib/auth/session";
import { getConfig } from "@/lib/env";
import { API_ERRORS } from "@/lib/machine-api/api-error";
import { curlExamples, openApiDocument } from "@/lib/openapi/document";
import { PageHeader } from "@/components/ui/page-header";
import { CopyButton } from "@/components/ui/copy-button";
import { Card } from "@/components/ui/card";

export const metadata: Metadata = { title: "API" };
export const dynamic = "force-dynamic";

type Parameter = { name: string; in: string; description?: string };
type Operation = { summary?: string; description?: string; parameters?: Parameter[] };

const ERROR_MEANINGS: Record<keyof typeof API_ERRORS, string> = {
  invalid_api_key: "No key, a malformed key, or a revoked one.",
  key_lacks_access: "The key is limited to another connector.",
  unknown_connector: "No connector has this id.",
  not_authorized: "The connector has no token yet: authorize it in the console.",
  needs_reauthorization: "The vendor refused the grant (refresh token revoked or expired): authorize the connector again.",
  check_client_credentials: "The vendor refused the client credentials: check the Client ID, Client Secret and Client Authentication.",
  disconnected: "An admin disconnected the connector: nothing is issued until an admin clicks Authorize or Get token.",
  invalid_parameter: "A query parameter is out of range (for example `min_ttl`).",
  no_api_base_url: "The connector has no API Base URL, so the proxy has nowhere to send to.",
  api_base_url_incomplete:
    "The API Base URL is a template over connection metadata and the vendor has not sent the field it names (see `field`): authorize the connector again, or correct its settings.",
  api_base_url_refused: "The API Base URL filled from connection metadata is not an acceptable https URL (see `field`): an admin must check the connector.",
  bad_path: "The proxy path would leave the API Base URL (.., ..;, encoded slashes, dot look-alikes, absolute URLs…).",
  method_not_allowed:
    "The method is not served here: …/token takes GET, …/token/refresh takes POST (see the Allow header); the proxy forwards GET, HEAD, POST, PUT, PATCH, DELETE and OPTIONS.",
  upstream_refused: "The vendor refused or failed the renewal; oauth_error says how. Retry later.",
  upstream_unreachable: "The vendor API could not be reached (or its address is not allowed).",
  upstream_timeout: "The vendor API did not answer in time.",
  internal_error: "Something failed inside Latchkey; the message has a reference for the logs.",
};

/** The OpenAPI descriptions use `backticks` for code, as Markdown does. */
function withCode(text: string) {
  return text.split("`").map((part, index) => (index % 2 === 1 ? <code key={index}>{part}</code> : part));
}

export default async function ApiDocsPage() {
  const { user } = await requirePageSession();
  const { publicUrl } = getConfig();
  const document = openApiDocument(publicUrl) as { paths: Record<string, Record<string, Operation>> };
  const specUrl = `${publicUrl}/api/v1/openapi.json`;
  return (
    <>
      <PageHeader
        title="API for sync workers"
        description={
          <>
            Sync workers get valid tokens, or call vendor APIs with the credentials added, without handling OAuth themselves. Authenticate with an API key as{" "}
            <code>Authorization: Bearer lk_…</code>
            {user.role === "admin" ? (
              <>
                {" "}
                (create one under{" "}
                <Link href="/settings/api-keys" className="font-medium text-primary underline">
                  Settings → API keys
                </Link>
                ).
              </>
            ) : (
              " (an admin creates them)."
            )}
          </>
        }
      />
      <div className="space-y-6">
        <Card asChild>
          <section aria-labelledby="spec-heading">
            <h2 id="spec-heading" className="text-base font-semibold">
              OpenAPI document
            </h2>
            <p className="mt-1 text-sm text-muted-foreground">An OpenAPI 3.1 description of every endpoint, for code generators and API tools.</p>
            <div className="mt-3 flex items-center gap-2">
              <code className="min-w-0 flex-1 truncate rounded bg-muted px-2 py-1.5 text-sm">{specUrl}</code>
              <CopyButton value={specUrl} label="Copy URL" />
            </div>
          </section>
        </Card>

        <Card asChild>
          <section aria-labelledby="endpoints-heading">
            <h2 id="endpoints-heading" className="text-base font-semibold">
              Endpoints
            </h2>
            <dl className="mt-3 space-y-4 text-sm">
              {Object.entries(document.paths).map(([path, operations]) => {
                const methods = Object.keys(operations).map((m) => m.toUpperCase());
                const first = Object.values(operations)[0];
                const queryParameters = first?.parameters?.filter((parameter) => parameter.in === "query") ?? [];
                return (
                  <div key={path}>
                    <dt className="font-mono text-foreground">
                      {methods.join(" | ")} /api/v1{path}
                    </dt>
                    <dd className="mt-1 text-muted-foreground">
                      <p className="font-medium">{first?.summary}</p>
                      {first?.description && <p className="mt-1">{withCode(first.description)}</p>}
                      {queryParameters.length > 0 && (
                        <ul className="mt-1 list-disc pl-5">
                          {queryParameters.map((parameter) => (
                            <li key={parameter.name}>
                              Query parameter <code>{parameter.name}</code>
                              {parameter.description && <>: {withCode(parameter.description)}</>}
                            </li>
                          ))}
                        </ul>
                      )}
                    </dd>
                  </div>
                );
              })}
            </dl>
          </section>
        </Card>

        <Card asChild>
          <section aria-labelledby="examples-heading">
            <h2 id="examples-heading" className="text-base font-semibold">
              Examples
            </h2>
            <p className="mt-1 text-sm text-muted-foreground">
              Set <code>LATCHKEY_API_KEY</code> to your key and replace <code>CONNECTOR_ID</code> with the id from the connector&apos;s page.
            </p>
            <ul className="mt-3 space-y-4">
              {curlExamples(publicUrl).map((example) => (
                <li key={example.title}>
                  <div className="flex items-center justify-between gap-2">
                    <h3 className="text-sm font-medium text-foreground">{example.title}</h3>
                    <CopyButton value={example.command} label="Copy" />
                  </div>
                  <pre className="mt-1 overflow-x-auto rounded bg-slate-900 p-3 text-xs text-slate-100 dark:border dark:border-border dark:bg-black">
                    <code>{example.command}</code>
                  </pre>
                </li>
              ))}
            </ul>
          </section>
        </Card>

        <Card asChild>
          <section aria-labelledby="errors-heading">
            <h2 id="errors-heading" className="text-base font-semibold">
              Errors
            </h2>
            <p className="mt-1 text-sm text-muted-foreground">
              Errors are JSON: <code>{'{ "error": "<code>", "message": "…" }'}</code>. Every response that carries a token has{" "}
              <code>Cache-Control: no-store</code>.
            </p>
            <table className="mt-3 w-full text-left text-sm">
              <caption className="sr-only">Error codes</caption>
              <thead className="text-muted-foreground">
                <tr>
                  <th scope="col" className="py-1 pr-4 font-medium">
                    Code
                  </th>
                  <th scope="col" className="py-1 pr-4 font-medium">
                    HTTP
                  </th>
                  <th scope="col" className="py-1 font-medium">
                    Meaning
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-border">
                {(Object.keys(API_ERRORS) as (keyof typeof API_ERRORS)[]).map((code) => (
                  <tr key={code}>
                    <td className="py-1 pr-4 font-mono">{code}</td>
                    <td className="py-1 pr-4">{API_ERRORS[code]}</td>
                    <td className="py-1">{ERROR_MEANINGS[code]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </Card>
      </div>
    </>
  );
}
