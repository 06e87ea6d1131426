/**
 * A throwaway PostgreSQL cluster of our own, so the reliability run can restart PostgreSQL in the
 * middle of a refresh without touching the machine's shared server (other processes use it).
 * initdb and pg_ctl from /usr/lib/postgresql/<version>/bin, run as the `postgres` OS user (the
 * server refuses to run as root), data directory under /tmp, trust auth on 127.0.0.1 only.
 *
 * Databases are migrated once (a template, with the real `prisma migrate deploy`) and copied with
 * CREATE DATABASE … TEMPLATE, because each Prisma CLI run on PostgreSQL lingers about ten seconds.
 */
import { execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { freePort } from "../bench/proxy-servers";

const ROOT = path.resolve(import.meta.dirname, "..", "..");

export interface PrivatePostgres {
  port: number;
  /** The server's major version, from its binaries' directory. */
  version: string;
  /** postgresql://postgres@127.0.0.1:<port>/<database> */
  urlOf(database: string): string;
  /** A fresh database copied from the migrated template. */
  createDatabase(name: string): Promise<string>;
  /** `pg_ctl restart -m fast`: every connection is terminated; returns once it accepts connections again. */
  restart(): Promise<void>;
  /** `pg_ctl stop -m fast` and, later, `start`: the server is down in between. */
  down(): Promise<void>;
  up(): Promise<void>;
  stop(): Promise<void>;
}

/** Why no private cluster can be started here, or null when it can. */
export function privatePostgresUnavailable(): string | null {
  if (process.getuid?.() !== 0) return "the run is not root, so it cannot run initdb as the postgres user";
  if (!binDir()) return "no /usr/lib/postgresql/<version>/bin/initdb";
  try {
    execFileSync("id", ["-u", "postgres"], { stdio: "pipe" });
  } catch {
    return "there is no postgres OS user";
  }
  return null;
}

function binDir(): string | null {
  const base = "/usr/lib/postgresql";
  if (!existsSync(base)) return null;
  const versions = readdirSync(base)
    .filter((v) => existsSync(path.join(base, v, "bin", "initdb")))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(base, versions[0], "bin") : null;
}

function asPostgres(command: string, args: string[]): void {
  execFileSync("runuser", ["-u", "postgres", "--", command, ...args], { stdio: "pipe", timeout: 60_000 });
}

async function admin(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = binDir();
  if (!bin) throw new Error("no PostgreSQL binaries");
  const dir = mkdtempSync(path.join(tmpdir(), "latchkey-reliability-pg-"));
  chownSync(dir, Number(execFileSync("id", ["-u", "postgres"]).toString().trim()), Number(execFileSync("id", ["-g", "postgres"]).toString().trim()));
  const data = path.join(dir, "data");
  const port = await freePort();
  // fsync off: a throwaway cluster; what is measured is the app's behaviour, not the disk's.
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
  asPostgres(path.join(bin, "initdb"), ["-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync"]);
  const ctl = (...args: string[]) => asPostgres(path.join(bin, "pg_ctl"), ["-D", data, "-l", path.join(dir, "server.log"), "-w", ...args]);
  ctl("-o", options, "start");
  const urlOf = (database: string) => `postgresql://postgres@127.0.0.1:${port}/${database}`;

  const template = "latchkey_template";
  await admin(urlOf("postgres"), `CREATE DATABASE "${template}"`);
  execFileSync(process.execPath, [path.join(ROOT, "node_modules", "prisma", "build", "index.js"), "migrate", "deploy"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: urlOf(template) },
    stdio: "pipe",
  });

  return {
    port,
    version: path.basename(path.dirname(bin)),
    urlOf,
    createDatabase: async (name) => {
      await admin(urlOf("postgres"), `CREATE DATABASE "${name}" TEMPLATE "${template}"`);
      return urlOf(name);
    },
    restart: async () => {
      ctl("-m", "fast", "-o", options, "restart");
    },
    down: async () => {
      ctl("-m", "fast", "stop");
    },
    up: async () => {
      ctl("-o", options, "start");
    },
    stop: async () => {
      try {
        ctl("-m", "immediate", "stop");
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
