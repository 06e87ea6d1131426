-- Token truth (issue 9): connector state (disconnected/deleting), refresh-token lifetimes,
-- failure detail, keep-alive renewals, accessTokenEnc may be null while a client-credentials
-- connector has never obtained a token. The old "error" status is now "refresh_failing".

-- AlterTable
ALTER TABLE "Connector" ADD COLUMN "state" TEXT NOT NULL DEFAULT 'enabled';
ALTER TABLE "Connector" ADD COLUMN "refreshTokenIdleDays" INTEGER;
ALTER TABLE "Connector" ADD COLUMN "refreshTokenMaxDays" INTEGER;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Token" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "connectorId" TEXT NOT NULL,
    "accessTokenEnc" TEXT,
    "refreshTokenEnc" TEXT,
    "tokenType" TEXT,
    "expiresAt" DATETIME,
    "refreshDueAt" DATETIME,
    "failureCount" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME,
    "grantedScopes" TEXT,
    "status" TEXT NOT NULL DEFAULT 'active',
    "lastErrorCode" TEXT,
    "lastErrorText" TEXT,
    "lastErrorDetail" TEXT,
    "refreshTokenExpiresAt" DATETIME,
    "keepAliveAt" DATETIME,
    "reauthAlertedDays" INTEGER,
    "lastRefreshedAt" DATETIME,
    "lastAttemptAt" DATETIME,
    "obtainedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "extra" TEXT NOT NULL DEFAULT '{}',
    "version" INTEGER NOT NULL DEFAULT 0,
    "leaseOwner" TEXT,
    "leaseUntil" DATETIME,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Token_connectorId_fkey" FOREIGN KEY ("connectorId") REFERENCES "Connector" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Token" ("id", "connectorId", "accessTokenEnc", "refreshTokenEnc", "tokenType", "expiresAt", "refreshDueAt", "failureCount", "nextAttemptAt", "grantedScopes", "status", "lastErrorCode", "lastErrorText", "lastRefreshedAt", "lastAttemptAt", "obtainedAt", "extra", "version", "leaseOwner", "leaseUntil", "updatedAt") SELECT "id", "connectorId", "accessTokenEnc", "refreshTokenEnc", "tokenType", "expiresAt", "refreshDueAt", "failureCount", "nextAttemptAt", "grantedScopes", "status", "lastErrorCode", "lastErrorText", "lastRefreshedAt", "lastAttemptAt", "obtainedAt", "extra", "version", "leaseOwner", "leaseUntil", "updatedAt" FROM "Token";
DROP TABLE "Token";
ALTER TABLE "new_Token" RENAME TO "Token";
CREATE UNIQUE INDEX "Token_connectorId_key" ON "Token"("connectorId");
CREATE INDEX "Token_status_idx" ON "Token"("status");
CREATE INDEX "Token_expiresAt_idx" ON "Token"("expiresAt");
CREATE INDEX "Token_refreshDueAt_idx" ON "Token"("refreshDueAt");
CREATE INDEX "Token_keepAliveAt_idx" ON "Token"("keepAliveAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

UPDATE "Token" SET "status" = 'refresh_failing' WHERE "status" = 'error';
