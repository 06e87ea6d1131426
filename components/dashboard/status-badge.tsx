import { TOKEN_STATUS_LABELS, type TokenStatus } from "@/lib/tokens/status";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";

/**
 * Colour plus the label (never colour alone). Semantic tones where a status has one; the two
 * statuses without a token (orange, fuchsia) carry their own dark values. Every pair is AA in both themes.
 */
export const STATUS_COLOURS: Record<TokenStatus, string> = {
  not_authorized: "border-input bg-muted text-foreground",
  active: "border-success-border bg-success-muted text-success",
  expiring_soon: "border-warning-border bg-warning-muted text-warning",
  expired: "border-danger-border bg-danger-muted text-danger",
  refresh_failing: "border-orange-200 bg-orange-50 text-orange-900 dark:border-orange-800 dark:bg-orange-950 dark:text-orange-300",
  check_client: "border-fuchsia-200 bg-fuchsia-50 text-fuchsia-900 dark:border-fuchsia-800 dark:bg-fuchsia-950 dark:text-fuchsia-300",
  needs_reauth: "border-danger bg-danger-muted text-danger",
  disconnected: "border-input bg-card text-muted-foreground",
  no_known_expiry: "border-info-border bg-info-muted text-info",
};

export function StatusBadge({ status, className }: { status: TokenStatus; className?: string }) {
  return (
    <Badge outline className={cn("whitespace-nowrap rounded-full px-2", STATUS_COLOURS[status], className)}>
      {TOKEN_STATUS_LABELS[status]}
    </Badge>
  );
}
