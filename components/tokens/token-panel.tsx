import { getDb } from "@/lib/db";
import { getEventOutcome, getTokenSummary } from "@/lib/tokens/queries";
import { TOKEN_STATUS_LABELS } from "@/lib/tokens/status";
import { OutcomeBanner } from "./outcome-banner";
import { TokenActions } from "./token-actions";
import { absoluteTime, relativeTime } from "./relative-time";


interface Props {
  connectorId: string;
  grantType: "authorization_code" | "client_credentials";
  canChange: boolean;
  eventId?: string;
}

/** The connector's token: status, expiry, scopes, refresh token, last error, and the flow buttons. */
export async function TokenPanel({ connectorId, grantType, canChange, eventId }: Props) {
  const db = getDb();
  const [{ token, requestedScopes, summary }, outcome] = await Promise.all([
    getTokenSummary(db, connectorId),
    eventId ? getEventOutcome(db, connectorId, eventId) : Promise.resolve(null),
  ]);
  const now = new Date();
  return (
    <section aria-labelledby="token-heading" className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="token-heading" className="text-base font-semibold">
        Token
      </h2>
      {outcome && <OutcomeBanner outcome={outcome} />}
      {!token ? (
        <p className="text-sm text-slate-700">
          Not authorized yet.{" "}
          {grantType === "authorization_code"
            ? "Authorize sends you to the vendor to sign in and approve access; you come back here."
            : "Get token asks the vendor's token endpoint with the client credentials."}
        </p>
      ) : (
        <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-[12rem_1fr]">
          <dt className="text-slate-600">Status</dt>
          <dd data-testid="token-status">{TOKEN_STATUS_LABELS[summary.status]}</dd>
          <dt className="text-slate-600">Token type</dt>
          <dd>{token.tokenType ?? "Not stated by the vendor"}</dd>
          <dt className="text-slate-600">Expires</dt>
          <dd>
            {token.expiresAt ? (
              <>
                <time dateTime={token.expiresAt.toISOString()}>{absoluteTime(token.expiresAt)}</time> ({relativeTime(token.expiresAt, now)})
              </>
            ) : (
              "No known expiry (the vendor gave none)"
            )}
          </dd>
          <dt className="text-slate-600">Refresh token</dt>
          <dd data-testid="refresh-token-held">{token.hasRefreshToken ? "Held" : "None"}</dd>
          <dt className="text-slate-600">Granted scopes</dt>
          <dd>
            {token.grantedScopes ? (token.grantedScopes.length ? token.grantedScopes.join(" ") : "None") : "Not stated (assume as requested)"}
            {token.scopeDifference && (
              <p role="note" className="mt-1 text-amber-800">
                Differs from the requested scopes ({requestedScopes.join(" ") || "none"}):
                {token.scopeDifference.missing.length > 0 && ` not granted: ${token.scopeDifference.missing.join(" ")}.`}
                {token.scopeDifference.extra.length > 0 && ` also granted: ${token.scopeDifference.extra.join(" ")}.`}
              </p>
            )}
          </dd>
          <dt className="text-slate-600">Obtained</dt>
          <dd>{absoluteTime(token.obtainedAt)}</dd>
          {token.lastRefreshedAt && (
            <>
              <dt className="text-slate-600">Last refreshed</dt>
              <dd>{relativeTime(token.lastRefreshedAt, now)}</dd>
            </>
          )}
          {token.details.map((detail) => (
            <div key={detail.name} className="contents">
              <dt className="text-slate-600">{detail.name}</dt>
              <dd className="break-all">{detail.value}</dd>
            </div>
          ))}
          {token.lastErrorCode && (
            <>
              <dt className="text-slate-600">Last error</dt>
              <dd>
                <span className="rounded bg-red-100 px-1.5 py-0.5 font-mono text-xs text-red-900">{token.lastErrorCode}</span> {token.lastErrorText}
                {token.advice && <p className="mt-1 font-medium text-red-900">{token.advice}</p>}
              </dd>
            </>
          )}
        </dl>
      )}
      {grantType === "authorization_code" && token && !token.hasRefreshToken && (
        <p role="note" className="text-sm text-amber-800">
          No refresh token is held: when the access token expires, the connector needs Authorize again. See the vendor&apos;s docs for
          &quot;offline access&quot; (for example <code>access_type=offline</code> or the <code>offline_access</code> scope).
        </p>
      )}
      {canChange ? <TokenActions connectorId={connectorId} grantType={grantType} hasToken={Boolean(token)} /> : <p className="text-sm text-slate-600">Only admins can authorize or refresh.</p>}
    </section>
  );
}
