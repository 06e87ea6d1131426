-- Vendor catalog (issue 11): the preset a connector started from, discovery's issuer with the
-- RFC 9207 iss rule, a nested access-token location, and the connection metadata to keep.
-- Added columns only, with defaults, so existing connectors read as generic ones.

-- AlterTable
ALTER TABLE "Connector" ADD COLUMN "presetId" TEXT;
ALTER TABLE "Connector" ADD COLUMN "presetVersion" INTEGER;
ALTER TABLE "Connector" ADD COLUMN "presetVariables" TEXT NOT NULL DEFAULT '{}';
ALTER TABLE "Connector" ADD COLUMN "issuerUrl" TEXT;
ALTER TABLE "Connector" ADD COLUMN "requireIss" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "Connector" ADD COLUMN "accessTokenPath" TEXT;
ALTER TABLE "Connector" ADD COLUMN "metadataFields" TEXT NOT NULL DEFAULT '[]';
