import Link from "next/link";
import { connectorPath } from "@/lib/connectors/paths";
import { cn } from "@/components/ui/cn";

/** A connector's name linking to its page (Overview), as the tables show it. */
export function ConnectorLink({ id, name, className }: { id: string; name: string; className?: string }) {
  return (
    <Link href={connectorPath(id)} className={cn("text-primary underline-offset-2 hover:underline", className)}>
      {name}
    </Link>
  );
}
