import { adviceFor } from "@/lib/tokens/failure-status";
import { readEventOutcome, readTokenSummary } from "@/lib/tokens/page-data";
import type { MetadataView, TokenSummary } from "@/lib/tokens/queries";
import type { StatusSummary } from "@/lib/tokens/status-summary";
import type { CredentialType } from "@/lib/connectors/schema";
import { OutcomeBanner } from "./outcome-banner";
import { StatusWithReason } from "./status-with-reason";
import { ImportRefreshToken } from "./import-refresh-token";
import { TokenActions } from "./token-actions";
import { absoluteTime, relativeTime } from "./relative-time";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";

type GrantType = "authorization_code" | "client_credentials" | "jwt_bearer";

interface Props {
  connectorId: string;
  connectorName: string;
  grantType: GrantType;
  canChange: boolean;
  /** An admin reads the page: sensitive connection metadata is shown. Decided by the page from the session's role. */
  showSensitive: boolean;
  eventId?: string;
}

/** API Key and Basic Auth: the "token" is the credential itself, derived on the server; no vendor issues it (SECURITY 43). */
const STATIC_TOKEN_TYPES: Partial<Record<CredentialType, string>> = { api_key: "API key", basic: "Basic Auth (user name and password)" };

/** Why no token is held, and what brings one: shown under the status when there is none. */
function NoTokenNote({ summary, grantType, credentialType }: { summary: StatusSummary; grantType: GrantType; credentialType: CredentialType }) {
  const button = grantType === "authorization_code" ? "Authorize" : "Get token";
  if (summary.status === "disconnected") {
    return (
      <p className="text-sm text-muted-foreground">
        An admin disconnected this connector and its tokens were deleted. Nothing is obtained automatically: no background refresh, and sync workers get no
        token, until an admin clicks {button}.
      </p>
    );
  }
  if (summary.failure) {
    return <p className="text-sm text-muted-foreground">No token is held: the last attempt failed. {adviceFor(summary.failure.code)}</p>;
  }
  return (
    <p className="text-sm text-muted-foreground">
      Not authorized yet.{" "}
      {credentialType !== "oauth2"
        ? "Get token stores the credential entered on this connector as its token, for the token endpoint and the proxy; no vendor is called."
        : grantType === "authorization_code"
          ? "Authorize sends you to the vendor to sign in and approve access; you come back here."
          : "Get token asks the vendor's token endpoint with the client credentials."}
    </p>
  );
}

const SOURCE_LABELS = { token: "token response", redirect: "redirect" } as const;

function MetadataValueText({ field }: { field: MetadataView }) {
  if (field.hidden) return <span className="text-muted-foreground">Hidden from viewers</span>;
  if (field.value === null) return <span className="text-muted-foreground">Not sent by the vendor</span>;
  return (
    <>
      <span className="break-all font-mono text-xs">{field.value}</span>
      {field.sensitive && (
        <Badge tone="warning" outline className="ml-2 font-normal">
          Sensitive: hidden from viewers
        </Badge>
      )}
    </>
  );
}

/** The connection metadata kept with the token, as sync workers receive it under `metadata`. */
function ConnectionMetadata({ fields }: { fields: MetadataView[] }) {
  return (
    <>
      <dt className="text-muted-foreground">Connection metadata</dt>
      <dd>
        <dl aria-label="Connection metadata" className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
          {fields.map((field) => (
            <div key={`${field.source}:${field.name}`} className="contents">
              <dt className="font-mono text-xs text-foreground">
                {field.name} <span className="font-sans text-muted-foreground">({SOURCE_LABELS[field.source]})</span>
              </dt>
              <dd>
                <MetadataValueText field={field} />
              </dd>
            </div>
          ))}
        </dl>
      </dd>
    </>
  );
}

/** What is known about the held token; never the token itself (SECURITY 10). */
function TokenDetails({
  token,
  requestedScopes,
  now,
  credentialType,
}: {
  token: TokenSummary;
  requestedScopes: string[];
  now: Date;
  credentialType: CredentialType;
}) {
  const staticType = STATIC_TOKEN_TYPES[credentialType];
  if (staticType) {
    return (
      <>
        <dt className="text-muted-foreground">Token type</dt>
        <dd>{staticType}</dd>
        <dt className="text-muted-foreground">Expires</dt>
        <dd>No known expiry (a static credential: enter a new one on this connector to replace it)</dd>
        <dt className="text-muted-foreground">Stored</dt>
        <dd>{absoluteTime(token.lastRefreshedAt ?? token.obtainedAt)}</dd>
      </>
    );
  }
  return (
    <>
      <dt className="text-muted-foreground">Token type</dt>
      <dd>{token.tokenType ?? "Not stated by the vendor"}</dd>
      <dt className="text-muted-foreground">Expires</dt>
      <dd>
        {token.expiresAt ? (
          <>
            <time dateTime={token.expiresAt.toISOString()}>{absoluteTime(token.expiresAt)}</time> ({relativeTime(token.expiresAt, now)})
          </>
        ) : (
          "No known expiry (the vendor gave none)"
        )}
      </dd>
      <dt className="text-muted-foreground">Refresh token</dt>
      <dd data-testid="refresh-token-held">{token.hasRefreshToken ? "Held" : "None"}</dd>
      <dt className="text-muted-foreground">Granted scopes</dt>
      <dd>
        {token.grantedScopes ? (token.grantedScopes.length ? token.grantedScopes.join(" ") : "None") : "Not stated (assume as requested)"}
        {token.scopeDifference && (
          <p role="note" className="mt-1 text-warning">
            Differs from the requested scopes ({requestedScopes.join(" ") || "none"}):
            {token.scopeDifference.missing.length > 0 && ` not granted: ${token.scopeDifference.missing.join(" ")}.`}
            {token.scopeDifference.extra.length > 0 && ` also granted: ${token.scopeDifference.extra.join(" ")}.`}
          </p>
        )}
      </dd>
      <dt className="text-muted-foreground">Obtained</dt>
      <dd>{absoluteTime(token.obtainedAt)}</dd>
      {token.lastRefreshedAt && (
        <>
          <dt className="text-muted-foreground">Last refreshed</dt>
          <dd>{relativeTime(token.lastRefreshedAt, now)}</dd>
        </>
      )}
      {token.metadata.length > 0 && <ConnectionMetadata fields={token.metadata} />}
      {token.details.map((detail) => (
        <div key={detail.name} className="contents">
          <dt className="text-muted-foreground">{detail.name}</dt>
          <dd className="break-all">{detail.value}</dd>
        </div>
      ))}
      {token.lastErrorCode && (
        <>
          <dt className="text-muted-foreground">Last error</dt>
          <dd>
            <Badge tone="danger" className="font-mono">
              {token.lastErrorCode}
            </Badge>{" "}
            {token.lastErrorText}
            {token.advice && <p className="mt-1 font-medium text-danger">{token.advice}</p>}
          </dd>
        </>
      )}
    </>
  );
}

/** The connector's token: status, expiry, scopes, refresh token, last error, and the flow buttons. */
export async function TokenPanel({ connectorId, connectorName, grantType, canChange, showSensitive, eventId }: Props) {
  const [{ token, requestedScopes, summary, credentialType }, outcome] = await Promise.all([
    readTokenSummary(connectorId, { showSensitive }),
    eventId ? readEventOutcome(connectorId, eventId) : Promise.resolve(null),
  ]);
  const now = new Date();
  return (
    <Card asChild className="space-y-4">
      <section aria-labelledby="token-heading">
        <h2 id="token-heading" className="text-base font-semibold">
          Token
        </h2>
        {outcome && <OutcomeBanner outcome={outcome} />}
        <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-[12rem_1fr]">
          <dt className="text-muted-foreground">Status</dt>
          <dd>
            <StatusWithReason summary={summary} now={now} testId="token-status" />
          </dd>
          {token && <TokenDetails token={token} requestedScopes={requestedScopes} now={now} credentialType={credentialType} />}
        </dl>
        {!token && <NoTokenNote summary={summary} grantType={grantType} credentialType={credentialType} />}
        {grantType === "authorization_code" && token && !token.hasRefreshToken && (
          <p role="note" className="text-sm text-warning">
            No refresh token is held: when the access token expires, the connector needs Authorize again. See the vendor&apos;s docs for &quot;offline
            access&quot; (for example <code>access_type=offline</code> or the <code>offline_access</code> scope).
          </p>
        )}
        {canChange ? (
          <>
            <TokenActions connectorId={connectorId} connectorName={connectorName} grantType={grantType} hasToken={Boolean(token)} />
            {grantType === "authorization_code" && <ImportRefreshToken connectorId={connectorId} />}
          </>
        ) : (
          <p className="text-sm text-muted-foreground">Only admins can authorize or refresh.</p>
        )}
      </section>
    </Card>
  );
}
