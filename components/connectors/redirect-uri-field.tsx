"use client";

import { useId } from "react";
import { CopyButton } from "@/components/ui/copy-button";
import { Input } from "@/components/ui/form-field";

/** Latchkey's own callback (SECURITY 4): fixed by configuration, shown so the admin can register it. */
export function RedirectUriField({ redirectUri, used }: { redirectUri: string; used: boolean }) {
  const id = useId();
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-foreground">
        Redirect URI
      </label>
      <div className="flex gap-2">
        <Input id={id} readOnly value={redirectUri} aria-describedby={`${id}-help`} className="bg-muted font-mono" />
        <CopyButton value={redirectUri} />
      </div>
      <p id={`${id}-help`} className="text-xs text-muted-foreground">
        Register exactly this value as the redirect (callback) URL in the vendor&apos;s developer console; vendors compare it character for character.
        {used ? "" : " Client Credentials does not use it."}
      </p>
    </div>
  );
}
