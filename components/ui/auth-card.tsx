import type { ReactNode } from "react";
import { Card } from "./card";

/** The centred card used by the pages shown before sign-in. */
export function AuthCard({ title, description, children }: { title: string; description?: ReactNode; children: ReactNode }) {
  return (
    <main className="flex min-h-screen items-center justify-center bg-background px-4">
      <Card padding="none" className="w-full max-w-sm rounded-xl p-8 shadow-sm">
        <p className="text-sm font-semibold tracking-wide text-primary">Latchkey</p>
        <h1 className="mt-1 text-xl font-semibold">{title}</h1>
        {description && <p className="mt-2 text-sm text-muted-foreground">{description}</p>}
        <div className="mt-6">{children}</div>
      </Card>
    </main>
  );
}
