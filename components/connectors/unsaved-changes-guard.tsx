"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";

export const LEAVE_MESSAGE = "You have unsaved changes to this connector. Leave the page and lose them?";

/**
 * Warns before unsaved changes are lost. In-app links, which the App Router follows without
 * unloading the page, are caught by a capture-phase click listener and asked about in a
 * ConfirmDialog; Leave then navigates. Reloads, closing the tab and leaving the site can only
 * be asked about by the browser's own `beforeunload` prompt. (Browser Back within the app is
 * not intercepted.)
 */
export function UnsavedChangesGuard({ dirty }: { dirty: boolean }) {
  const router = useRouter();
  const [target, setTarget] = useState<string | null>(null);
  const link = useRef<HTMLAnchorElement | null>(null);

  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = ""; // still needed by some browsers to show the prompt
    };
    const onClick = (event: MouseEvent) => {
      if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      const anchor = event.target instanceof Element ? event.target.closest("a[href]") : null;
      if (!(anchor instanceof HTMLAnchorElement) || anchor.target === "_blank" || anchor.hasAttribute("download")) return;
      const url = new URL(anchor.href, window.location.href);
      if (url.origin !== window.location.origin) return; // a full navigation: beforeunload asks
      if (url.pathname === window.location.pathname && url.search === window.location.search) return;
      event.preventDefault();
      event.stopPropagation(); // capture phase on document: the router's own handler never sees it
      link.current = anchor;
      setTarget(`${url.pathname}${url.search}${url.hash}`);
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    document.addEventListener("click", onClick, true);
    return () => {
      window.removeEventListener("beforeunload", onBeforeUnload);
      document.removeEventListener("click", onClick, true);
    };
  }, [dirty]);

  return (
    <ConfirmDialog
      open={target !== null}
      onOpenChange={(open) => {
        if (!open) setTarget(null);
      }}
      onCloseAutoFocus={(event) => {
        event.preventDefault();
        link.current?.focus(); // back to the link that was followed, if the admin stays
      }}
      title="Leave without saving?"
      description={LEAVE_MESSAGE}
      confirmLabel="Leave page"
      cancelLabel="Stay on page"
      tone="destructive"
      onConfirm={() => {
        if (target) router.push(target);
      }}
    />
  );
}
