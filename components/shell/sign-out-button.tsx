"use client";

import { signOutAction } from "@/lib/auth/actions";
import { Button } from "@/components/ui/button";

export function SignOutButton() {
  return (
    <form action={async () => void (await signOutAction({}))}>
      <Button type="submit" variant="ghost">
        Sign out
      </Button>
    </form>
  );
}
