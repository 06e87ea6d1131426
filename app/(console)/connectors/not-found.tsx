import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";

/**
 * Here, not in [id]/: the 404 for an unknown id comes from [id]/layout.tsx, and a segment's
 * not-found boundary sits inside its own layout, so only the parent segment's can catch it.
 */
export default function ConnectorNotFound() {
  return (
    <EmptyState
      title="Connector not found"
      action={
        <Link href="/connectors" className="text-sm font-medium text-primary underline">
          Back to connectors
        </Link>
      }
    >
      It may have been deleted, or the link is wrong.
    </EmptyState>
  );
}
