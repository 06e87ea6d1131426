/** LATCHKEY_E2E_PORT_BASE moves both servers (e.g. to run two checkouts side by side). */
const PORT_BASE = Number(process.env.LATCHKEY_E2E_PORT_BASE ?? 3100);

function server(port: number) {
  return { port, baseURL: `http://localhost:${port}` };
}

/** The app servers the e2e projects run against, one per database. */
export const E2E_SERVERS = {
  sqlite: server(PORT_BASE),
  postgresql: server(PORT_BASE + 1),
} as const;

export type E2eDatabase = keyof typeof E2E_SERVERS;

/** Which databases this run covers: LATCHKEY_E2E_DATABASES="sqlite,postgresql" (set by scripts/test-all.sh). */
export function e2eDatabases(): E2eDatabase[] {
  const wanted = (process.env.LATCHKEY_E2E_DATABASES ?? "sqlite").split(",").map((s) => s.trim());
  return (Object.keys(E2E_SERVERS) as E2eDatabase[]).filter((db) => wanted.includes(db));
}

export const ADMIN = { email: "admin@latchkey.test", password: "admin passphrase 123" };
export const VIEWER = { email: "viewer@latchkey.test", password: "viewer passphrase 123" };

export function storageStateFile(project: string, role: "admin" | "viewer"): string {
  return `test-results/.auth/${project.replace(/^setup-/, "")}-${role}.json`;
}
