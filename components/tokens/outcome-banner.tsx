import type { EventOutcome } from "@/lib/tokens/queries";

const SUCCESS_TEXT: Record<string, string> = {
  "token.authorized": "Authorized. The vendor issued a token and Latchkey stored it encrypted.",
  "token.obtained": "Token obtained and stored encrypted.",
  "token.refreshed": "Token refreshed.",
  "token.refresh_shared": "Another Latchkey instance had just refreshed this token; its result is in use.",
  "token.imported": "Refresh token imported. The vendor redeemed it and issued an access token; both are stored encrypted.",
};

/** The result of the last Authorize / Get token / Refresh now, read from the event it recorded. */
export function OutcomeBanner({ outcome }: { outcome: EventOutcome }) {
  if (outcome.succeeded) {
    return (
      <div role="status" className="space-y-1 rounded-md border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-950">
        <p className="font-medium">{SUCCESS_TEXT[outcome.type] ?? "Done."}</p>
        {outcome.type === "token.authorized" && outcome.refreshTokenReturned === false && (
          <p>
            The vendor sent no refresh token, so this connector must be re-authorized when the access token expires. Vendors often need an extra
            auth-request parameter or scope for one: Google <code>access_type=offline</code> and <code>prompt=consent</code>, Microsoft and OpenID
            Connect providers the <code>offline_access</code> scope, Dropbox <code>token_access_type=offline</code>.
          </p>
        )}
      </div>
    );
  }
  return (
    <div role="alert" className="space-y-1 rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-900">
      <p className="font-medium">
        {outcome.type.startsWith("authorization") ? "Authorization failed" : "The vendor refused the token request"}
        {outcome.errorCode && <span className="ml-2 rounded bg-red-100 px-1.5 py-0.5 font-mono text-xs">{outcome.errorCode}</span>}
      </p>
      {outcome.message && <p>{outcome.message}</p>}
      {outcome.vendorError && (
        <p>
          Vendor said: <code>{outcome.vendorError}</code>
          {outcome.description ? ` — ${outcome.description}` : ""}
        </p>
      )}
      {outcome.advice && <p className="font-medium">{outcome.advice}</p>}
      {outcome.excerpt && (
        <details>
          <summary className="cursor-pointer">Response excerpt</summary>
          <pre className="mt-1 whitespace-pre-wrap break-all rounded bg-white p-2 text-xs">{outcome.excerpt}</pre>
        </details>
      )}
      <p>Stored credentials were not changed.</p>
    </div>
  );
}
