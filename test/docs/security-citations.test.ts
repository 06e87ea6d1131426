/**
 * Comments cite the threat model as "SECURITY n" (or "SECURITY n–m", "SECURITY n, m"): every
 * number cited in the code must be a numbered control in docs/SECURITY.md, so a reader can
 * always follow a citation inside the repository.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOTS = ["lib", "app", "components", "scripts", "e2e", "test", "instrumentation.ts"];

function sourceFiles(entry: string): string[] {
  if (statSync(entry).isFile()) return /\.(ts|tsx|mts)$/.test(entry) ? [entry] : [];
  return readdirSync(entry).flatMap((name) => (name === "node_modules" ? [] : sourceFiles(path.join(entry, name))));
}

/** Numbers in "SECURITY 21", "SECURITY 21–24", "SECURITY 10, 26", "SECURITY 12-14". */
function citedNumbers(text: string): number[] {
  const numbers: number[] = [];
  for (const match of text.matchAll(/SECURITY ((?:\d+(?:\s*[–-]\s*\d+)?)(?:\s*,\s*\d+(?:\s*[–-]\s*\d+)?)*)/g)) {
    for (const part of (match[1] ?? "").split(",")) {
      const [from, to] = part.split(/[–-]/).map((n) => Number(n.trim()));
      for (let n = from!; n <= (to ?? from!); n++) numbers.push(n);
    }
  }
  return numbers;
}

describe("docs/SECURITY.md", () => {
  const document = readFileSync("docs/SECURITY.md", "utf8").split("## Controls")[1] ?? "";
  const controls = new Set([...document.matchAll(/^(\d+)\. \*\*/gm)].map((m) => Number(m[1])));

  it("numbers its controls 1, 2, 3 … without gaps", () => {
    expect([...controls]).toEqual(Array.from({ length: controls.size }, (_, i) => i + 1));
  });

  it("has a control for every SECURITY n the code cites, and each control names a test", () => {
    const cited = new Map<number, string>();
    for (const file of ROOTS.flatMap(sourceFiles)) for (const n of citedNumbers(readFileSync(file, "utf8"))) cited.set(n, file);
    expect(cited.size).toBeGreaterThan(10);
    for (const [n, file] of cited) expect(controls.has(n), `SECURITY ${n} cited in ${file}`).toBe(true);
    for (const block of document.split(/\n(?=\d+\. \*\*)/).slice(1)) expect(block, block.slice(0, 60)).toMatch(/Tests?:/);
  });
});
