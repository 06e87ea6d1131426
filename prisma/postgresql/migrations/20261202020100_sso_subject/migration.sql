-- Single sign-on binding (issue 10): the ID token's iss and sub recorded at a user's first SSO
-- sign-in. A later SSO sign-in with the same email but another identity is refused. NULLs are
-- distinct in a unique index on both databases, so unbound users do not collide.

-- AlterTable
ALTER TABLE "User" ADD COLUMN "ssoIssuer" TEXT;
ALTER TABLE "User" ADD COLUMN "ssoSubject" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "User_ssoIssuer_ssoSubject_key" ON "User"("ssoIssuer", "ssoSubject");
