-- Proxy encoded slash (issue 10): a connector may allow an encoded slash (%2F) inside one proxy
-- path segment, as GitLab's projects/group%2Fproject needs. Off for every existing connector.

-- AlterTable
ALTER TABLE "Connector" ADD COLUMN "allowEncodedSlash" BOOLEAN NOT NULL DEFAULT false;
