import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";

export default function ConnectorNotFound() {
  return (
    <EmptyState
      title="Connector not found"
      action={
        <Link href="/connectors" className="text-sm font-medium text-indigo-700 underline">
          Back to connectors
        </Link>
      }
    >
      It may have been deleted, or the link is wrong.
    </EmptyState>
  );
}
