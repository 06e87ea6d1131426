-- Token truth (issue 9): connector state (disconnected/deleting), refresh-token lifetimes,
-- failure detail, keep-alive renewals; accessTokenEnc may be null while a client-credentials
-- connector has never obtained a token. The old "error" status is now "refresh_failing".

-- AlterTable
ALTER TABLE "Connector" ADD COLUMN "state" TEXT NOT NULL DEFAULT 'enabled',
ADD COLUMN "refreshTokenIdleDays" INTEGER,
ADD COLUMN "refreshTokenMaxDays" INTEGER;

-- AlterTable
ALTER TABLE "Token" ALTER COLUMN "accessTokenEnc" DROP NOT NULL,
ADD COLUMN "lastErrorDetail" TEXT,
ADD COLUMN "refreshTokenExpiresAt" TIMESTAMP(3),
ADD COLUMN "keepAliveAt" TIMESTAMP(3),
ADD COLUMN "reauthAlertedDays" INTEGER;

-- CreateIndex
CREATE INDEX "Token_keepAliveAt_idx" ON "Token"("keepAliveAt");

UPDATE "Token" SET "status" = 'refresh_failing' WHERE "status" = 'error';
