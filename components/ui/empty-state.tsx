import type { ReactNode } from "react";
import { Card } from "./card";

export function EmptyState({ title, children, action }: { title: string; children: ReactNode; action?: ReactNode }) {
  return (
    <Card asChild padding="none" className="border-dashed border-input px-6 py-12 text-center">
      <section>
        <h2 className="text-base font-semibold">{title}</h2>
        <div className="mx-auto mt-2 max-w-prose text-sm text-muted-foreground">{children}</div>
        {action && <div className="mt-6">{action}</div>}
      </section>
    </Card>
  );
}
