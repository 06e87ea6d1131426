/**
 * Another app instance for the sign-in throttle tests: a separate process with its own database
 * client, making password sign-in attempts against the shared database. Input is one JSON
 * argument; the results are printed as one JSON line.
 *
 *   node --import tsx test/support/sign-in-instance.ts '{"databaseUrl":…,"attempts":[…]}'
 */
import { attemptPasswordSignIn } from "@/lib/auth/password-sign-in";
import { createDb } from "@/lib/db";

export interface InstanceAttempt {
  email: string;
  password: string;
  clientAddress: string;
  /** ISO time: the instance runs on the test's simulated clock, not its own. */
  at: string;
}

async function main() {
  const { databaseUrl, attempts } = JSON.parse(process.argv[2] ?? "{}") as { databaseUrl: string; attempts: InstanceAttempt[] };
  const db = createDb(databaseUrl);
  const reasons: string[] = [];
  for (const attempt of attempts) {
    const result = await attemptPasswordSignIn(db, attempt, new Date(attempt.at));
    reasons.push(result.ok ? "ok" : result.reason);
  }
  await db.$disconnect();
  console.log(JSON.stringify({ reasons }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
