import type { ReactNode } from "react";
import { ThemeSwitch } from "@/components/theme/theme-switch";

/** The pages shown before sign-in: each renders its own centred card; the Theme switch sits in the corner. */
export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <header className="fixed right-4 top-4 z-10">
        <ThemeSwitch />
      </header>
      {children}
    </>
  );
}
