import type { Metadata } from "next";
import Link from "next/link";
import { AuthCard } from "@/components/ui/auth-card";

export const metadata: Metadata = { title: "Authorization not completed" };

/** Fixed texts only: nothing from the URL is echoed into the page. */
const REASONS: Record<string, { title: string; text: string }> = {
  no_session: { title: "Sign in first", text: "Your Latchkey session ended before the vendor sent you back. Sign in and press Authorize again." },
  forbidden: { title: "Admins only", text: "Only admins can authorize connectors." },
  missing_state: { title: "Authorization not recognised", text: "The vendor's redirect carried no state. Start again with the Authorize button." },
  unknown_state: {
    title: "Authorization not recognised",
    text: "This redirect does not belong to an authorization Latchkey started. Start again with the Authorize button.",
  },
  state_used: {
    title: "Already used",
    text: "This authorization response was already used. Nothing was changed. Start again with the Authorize button if needed.",
  },
  state_expired: { title: "Authorization expired", text: "More than 10 minutes passed since you pressed Authorize. Nothing was changed. Start again." },
  other_session: { title: "Started elsewhere", text: "This authorization was started by another admin or in another browser session. Nothing was changed." },
  connector_changed: {
    title: "Connector changed",
    text: "The connector was edited (or deleted) after the authorization started. Nothing was changed. Authorize again.",
  },
  issuer_mismatch: {
    title: "Response from another server",
    text: "The redirect says it comes from a different authorization server than this connector's Issuer URL (RFC 9207). It was refused and the code was not used. Check the Issuer URL, then Authorize again.",
  },
  issuer_missing: {
    title: "Issuer missing",
    text: 'This connector requires the vendor to name itself on the redirect (iss, RFC 9207), and it did not. Nothing was changed. If the vendor does not send iss, turn off "Require iss on the redirect" and Authorize again.',
  },
  failed: {
    title: "Authorization failed",
    text: "Something went wrong inside Latchkey while completing the authorization; the server log says what. Start again with the Authorize button.",
  },
};

export default async function AuthorizationErrorPage({ searchParams }: { searchParams: Promise<{ reason?: string }> }) {
  const { reason } = await searchParams;
  const message = REASONS[reason ?? ""] ?? { title: "Authorization not completed", text: "Start again with the Authorize button." };
  return (
    <AuthCard title={message.title} description={message.text}>
      <Link href="/connectors" className="text-sm font-medium text-primary underline">
        Back to connectors
      </Link>
    </AuthCard>
  );
}
