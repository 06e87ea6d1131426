import { TOKEN_STATUS_LABELS, type TokenStatus } from "@/lib/tokens/status";

/** Colour plus the label (never colour alone). */
export const STATUS_COLOURS: Record<TokenStatus, string> = {
  not_authorized: "border-slate-300 bg-slate-100 text-slate-800",
  active: "border-emerald-200 bg-emerald-50 text-emerald-900",
  expiring_soon: "border-amber-200 bg-amber-50 text-amber-900",
  expired: "border-red-200 bg-red-50 text-red-900",
  refresh_failing: "border-orange-200 bg-orange-50 text-orange-900",
  check_client: "border-fuchsia-200 bg-fuchsia-50 text-fuchsia-900",
  needs_reauth: "border-red-300 bg-red-100 text-red-950",
  disconnected: "border-slate-300 bg-white text-slate-700",
  no_known_expiry: "border-sky-200 bg-sky-50 text-sky-900",
};

export function StatusBadge({ status }: { status: TokenStatus }) {
  return <span className={`inline-block whitespace-nowrap rounded-full border px-2 py-0.5 text-xs font-medium ${STATUS_COLOURS[status]}`}>{TOKEN_STATUS_LABELS[status]}</span>;
}
