import { readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";

/** The two schemas may differ only in comment header, provider, url and generator output. */
function comparable(file: string): string[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => !/^\s*\/\/ /.test(line))
    .filter((line) => !/^\s*(provider|url|output)\s*=/.test(line));
}

describe("Prisma schemas", () => {
  it("SQLite and PostgreSQL schemas describe the same models", () => {
    expect(comparable("prisma/postgresql/schema.prisma")).toEqual(comparable("prisma/sqlite/schema.prisma"));
  });

  it("each migration folder exists for both databases", () => {
    const names = (dir: string) =>
      readdirSync(dir)
        .filter((n) => n !== "migration_lock.toml")
        .sort();
    expect(names("prisma/postgresql/migrations")).toEqual(names("prisma/sqlite/migrations"));
  });
});
