/**
 * Enumerates what the app exposes, from the source tree and the build: every page, every route
 * handler with its methods, and every server action (from Next's server-reference manifest).
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

// Playwright runs from the project root (where playwright.config.ts is).
const ROOT = process.cwd();
const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

/** `app/(console)/settings/users/page.tsx` → `/settings/users`; dynamic segments keep their `[name]`. */
function routeOf(file: string): string {
  const segments = path
    .relative(path.join(ROOT, "app"), path.dirname(file))
    .split(path.sep)
    .filter((s) => s && !(s.startsWith("(") && s.endsWith(")")));
  return `/${segments.join("/")}`;
}

export function listPages(): string[] {
  return walk(path.join(ROOT, "app"))
    .filter((f) => /\/page\.tsx?$/.test(f))
    .map(routeOf)
    .sort();
}

export function listRouteHandlers(): { route: string; methods: string[] }[] {
  return walk(path.join(ROOT, "app"))
    .filter((f) => /\/route\.ts$/.test(f))
    .map((file) => {
      const source = readFileSync(file, "utf8");
      const methods = HTTP_METHODS.filter((m) =>
        new RegExp(`export\\s+(async\\s+)?(function|const)\\s+${m}\\b|export\\s*\\{[^}]*\\b${m}\\b[^}]*\\}`).test(source),
      );
      return { route: routeOf(file), methods };
    })
    .sort((a, b) => a.route.localeCompare(b.route));
}

export interface ServerActionEntry {
  id: string;
  name: string;
  file: string;
}

export function listServerActions(): ServerActionEntry[] {
  const manifest = JSON.parse(readFileSync(path.join(ROOT, ".next", "server", "server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { exportedName: string; filename: string }>;
  };
  return Object.entries(manifest.node)
    .map(([id, entry]) => ({ id, name: entry.exportedName, file: entry.filename }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Fills dynamic segments with a harmless sample value. */
export function samplePath(route: string): string {
  return route.replace(/\[\.\.\.[^\]]+\]/g, "session").replace(/\[[^\]]+\]/g, "sample");
}
