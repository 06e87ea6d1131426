"use client";

import { signInWithSsoAction } from "@/lib/auth/actions";
import { Button } from "@/components/ui/button";

export function SsoButton({ name }: { name: string }) {
  return (
    <form action={async () => void (await signInWithSsoAction({}))}>
      <Button type="submit" variant="secondary" className="w-full">
        Sign in with {name}
      </Button>
    </form>
  );
}
