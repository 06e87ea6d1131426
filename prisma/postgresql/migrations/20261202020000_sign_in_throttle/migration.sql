-- Sign-in throttle (issue 10): failed password sign-ins per client address and per (address,
-- email), shared by every instance, with exponential backoff instead of a lock on the account.
-- Keys are SHA-256 hashes. Rows idle for the throttle window are deleted by the app.

-- CreateTable
CREATE TABLE "SignInThrottle" (
    "key" TEXT NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "nextAllowedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SignInThrottle_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "SignInThrottle_updatedAt_idx" ON "SignInThrottle"("updatedAt");
