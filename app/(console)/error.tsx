"use client";

import { ErrorNotice } from "@/components/shell/error-notice";

/**
 * A console page that threw, shown inside the console frame (header and navigation stay usable).
 * `retry` fetches the page from the server again, which is what helps after a server error;
 * `reset` would only re-render what the browser already has.
 */
export default function ConsoleError({ error, retry }: { error: unknown; retry: () => void }) {
  return <ErrorNotice error={error} retry={retry} />;
}
