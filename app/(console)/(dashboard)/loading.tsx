import { LoadingRegion, Skeleton } from "@/components/ui/skeleton";
import { Card } from "@/components/ui/card";

/** The dashboard while it renders on the server: title, tiles, table. Only this route group has it: a loading boundary above a page that redirects or 404s would start the response as a 200 stream first (the access checks rely on the real status). */
export default function DashboardLoading() {
  return (
    <LoadingRegion label="Loading the page…">
      <div className="mb-6 space-y-2">
        <Skeleton className="h-8 w-48" />
        <Skeleton className="h-4 w-96 max-w-full" />
      </div>
      <div className="mb-6 grid grid-cols-2 gap-3 sm:grid-cols-4">
        {Array.from({ length: 4 }, (_, i) => (
          <Skeleton key={i} className="h-20" />
        ))}
      </div>
      <Card className="space-y-2">
        {Array.from({ length: 6 }, (_, i) => (
          <Skeleton key={i} className="h-6" />
        ))}
      </Card>
    </LoadingRegion>
  );
}
