import { LoadingRegion, Skeleton } from "@/components/ui/skeleton";
import { Card } from "@/components/ui/card";

/** A connector tab on its way; the connector's header and tabs (the layout) stay in place above it. */
export default function ConnectorTabLoading() {
  return (
    <LoadingRegion label="Loading the connector…" className="space-y-6">
      <Card className="space-y-3">
        <Skeleton className="h-5 w-40" />
        <Skeleton className="h-4 w-3/4" />
        <Skeleton className="h-4 w-1/2" />
        <div className="flex gap-2 pt-2">
          <Skeleton className="h-9 w-28" />
          <Skeleton className="h-9 w-28" />
        </div>
      </Card>
      <Card className="space-y-3">
        <Skeleton className="h-5 w-32" />
        {Array.from({ length: 4 }, (_, i) => (
          <Skeleton key={i} className="h-4" />
        ))}
      </Card>
    </LoadingRegion>
  );
}
