"use client";

import { ErrorNotice } from "@/components/shell/error-notice";
import "./globals.css";

/** The root layout itself threw: this replaces it, so it brings its own document and styles. */
export default function GlobalError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-background font-sans text-foreground antialiased">
        <title>Something went wrong · Latchkey</title>
        <main className="mx-auto flex min-h-screen max-w-lg items-center px-4">
          <ErrorNotice error={error} retry={retry} />
        </main>
      </body>
    </html>
  );
}
