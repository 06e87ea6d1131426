#!/usr/bin/env bash
# The whole test suite (`npm test`): types, lint, unit + integration tests on SQLite and
# PostgreSQL, a production build, then Playwright in Chromium against both databases.
# Without PostgreSQL at 127.0.0.1:5432 the PostgreSQL parts skip with a line saying so;
# under CI=true they must run.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

if node -e '
  const pg = require("pg");
  const c = new pg.Client({ connectionString: process.env.LATCHKEY_TEST_PG_URL || "postgresql://postgres@127.0.0.1:5432/test", connectionTimeoutMillis: 3000 });
  c.connect().then(() => c.end()).then(() => process.exit(0), () => process.exit(1));'; then
  databases="sqlite,postgresql"
elif [ "${CI:-}" = "true" ]; then
  echo "latchkey: PostgreSQL is unreachable at 127.0.0.1:5432; under CI=true the PostgreSQL tests must run." >&2
  exit 1
else
  echo "*** latchkey: PostgreSQL unreachable: PostgreSQL tests are SKIPPED (they run under CI=true). ***"
  databases="sqlite"
fi

echo "== typecheck"; npx tsc --noEmit
echo "== lint"; npx eslint . --max-warnings 0
echo "== formatting"; npx prettier --check . > /dev/null || { npx prettier --check . ; exit 1; }
echo "== unit and integration tests"; npx vitest run
echo "== production build"; npx next build > /tmp/latchkey-build.log 2>&1 || { cat /tmp/latchkey-build.log; exit 1; }
echo "== end-to-end tests ($databases)"
bash scripts/ensure-chromium.sh
LATCHKEY_E2E_DATABASES="$databases" npx playwright test
