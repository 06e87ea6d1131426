/**
 * A private copy of the working tree for the HTTP benchmark, so the production build that
 * `scripts/start.ts` may run lands in the copy's `.next`, not in the shared one that other
 * people's servers and end-to-end runs use. node_modules is hard-linked (no copy, same disk);
 * an up-to-date `.next` is copied along so no rebuild is needed when the tree was just built.
 */
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..", "..");

export interface AppSnapshot {
  dir: string;
  remove(): void;
}

export function snapshotApp(): AppSnapshot {
  const dir = mkdtempSync(path.join(tmpdir(), "latchkey-bench-app-src-"));
  // Tracked and untracked (not ignored) files: the tree as it is now.
  const files = execFileSync("git", ["ls-files", "-co", "--exclude-standard", "-z"], { cwd: ROOT, encoding: "utf8" }).split("\0").filter(Boolean);
  for (const file of files) {
    const from = path.join(ROOT, file);
    if (!existsSync(from)) continue; // deleted but not yet staged
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    cpSync(from, path.join(dir, file), { preserveTimestamps: true });
  }
  // Ignored but needed: the generated Prisma clients, and the build when it is current.
  cpSync(path.join(ROOT, "generated"), path.join(dir, "generated"), { recursive: true, preserveTimestamps: true });
  if (existsSync(path.join(ROOT, ".next", "BUILD_ID")))
    cpSync(path.join(ROOT, ".next"), path.join(dir, ".next"), { recursive: true, preserveTimestamps: true });
  execFileSync("cp", ["-al", path.join(ROOT, "node_modules"), path.join(dir, "node_modules")]);
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
