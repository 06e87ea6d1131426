-- Token truth (issue 9): connector state, refresh-token lifetimes, failure detail, keep-alive
-- renewals, the access token may be null while a client-credentials connector has never
-- obtained one. The old status value error is now refresh_failing.

-- AlterTable
ALTER TABLE "Connector" ADD COLUMN     "refreshTokenIdleDays" INTEGER,
ADD COLUMN     "refreshTokenMaxDays" INTEGER,
ADD COLUMN     "state" TEXT NOT NULL DEFAULT 'enabled';

-- AlterTable
ALTER TABLE "Token" ADD COLUMN     "keepAliveAt" TIMESTAMP(3),
ADD COLUMN     "lastErrorDetail" TEXT,
ADD COLUMN     "reauthAlertedDays" INTEGER,
ADD COLUMN     "refreshTokenExpiresAt" TIMESTAMP(3),
ALTER COLUMN "accessTokenEnc" DROP NOT NULL;

-- CreateIndex
CREATE INDEX "Token_keepAliveAt_idx" ON "Token"("keepAliveAt");

-- Data
UPDATE "Token" SET "status" = 'refresh_failing' WHERE "status" = 'error';
