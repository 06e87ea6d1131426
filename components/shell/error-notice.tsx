"use client";

import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";

/** Next's hash of a server-side error, which the server log prints beside the error itself. */
function digestOf(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null || !("digest" in error)) return undefined;
  return typeof error.digest === "string" ? error.digest : undefined;
}

/**
 * What an error boundary shows: a plain sentence, the digest as a reference for whoever reads the
 * server log, and Try again. Never the message or stack: a server error's message may name
 * internals (Next replaces it in production anyway), and a client error's is no help to an admin.
 */
export function ErrorNotice({ error, retry, headingLevel: Heading = "h1" }: { error: unknown; retry: () => void; headingLevel?: "h1" | "h2" }) {
  const digest = digestOf(error);
  return (
    <Card asChild padding="lg" className="border-danger-border">
      <section aria-labelledby="error-notice-heading">
        <Heading id="error-notice-heading" className="text-xl font-semibold text-foreground">
          Something went wrong
        </Heading>
        <p className="mt-2 text-sm text-muted-foreground">This page could not be shown. Try again; if it keeps failing, the server log says why.</p>
        {digest && (
          <p className="mt-2 text-sm text-muted-foreground">
            Reference for the server log: <code className="rounded bg-muted px-1.5 py-0.5 text-xs text-foreground">{digest}</code>
          </p>
        )}
        <Button className="mt-4" onClick={() => retry()}>
          Try again
        </Button>
      </section>
    </Card>
  );
}
