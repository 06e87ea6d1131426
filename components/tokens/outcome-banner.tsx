import type { EventOutcome } from "@/lib/tokens/queries";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";

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
      <Alert tone="success">
        <p className="font-medium">{SUCCESS_TEXT[outcome.type] ?? "Done."}</p>
        {outcome.type === "token.authorized" && outcome.refreshTokenReturned === false && (
          <p>
            The vendor sent no refresh token, so this connector must be re-authorized when the access token expires. Vendors often need an extra auth-request
            parameter or scope for one: Google <code>access_type=offline</code> and <code>prompt=consent</code>, Microsoft and OpenID Connect providers the{" "}
            <code>offline_access</code> scope, Dropbox <code>token_access_type=offline</code>.
          </p>
        )}
      </Alert>
    );
  }
  return (
    <Alert tone="destructive">
      <p className="font-medium">
        {outcome.type.startsWith("authorization") ? "Authorization failed" : "The vendor refused the token request"}
        {outcome.errorCode && (
          <Badge tone="danger" outline className="ml-2 font-mono">
            {outcome.errorCode}
          </Badge>
        )}
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
          <pre className="mt-1 whitespace-pre-wrap break-all rounded bg-card p-2 text-xs">{outcome.excerpt}</pre>
        </details>
      )}
      <p>Stored credentials were not changed.</p>
    </Alert>
  );
}
