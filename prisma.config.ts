// Prisma CLI configuration: the JS schema engine driven through our driver adapters, because
// Prisma's native engines cannot be downloaded here (see README, "Why Prisma 6.19").
import { defineConfig } from "prisma/config";

const url = process.env.DATABASE_URL?.trim() || "file:./.data/latchkey.db";
const provider = /^postgres(ql)?:\/\//i.test(url) ? "postgresql" : "sqlite";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: `prisma/${provider}/schema.prisma`,
  migrations: { path: `prisma/${provider}/migrations` },
  adapter: async () => {
    if (provider === "postgresql") {
      const { makePgAdapter } = await import("./lib/pg-adapter");
      return makePgAdapter(url);
    }
    const { PrismaBetterSQLite3 } = await import("@prisma/adapter-better-sqlite3");
    return new PrismaBetterSQLite3({ url });
  },
});
