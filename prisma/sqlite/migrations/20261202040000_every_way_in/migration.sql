-- Every vendor's way in (issue 12): credential types (OAuth 2.0, API Key, Basic Auth), the
-- private key for Signed JWT and JWT Bearer, a custom grant_type value, and secret extras.
-- Existing extra rows whose names look secret are marked secret here. Their values are sealed
-- by the app at its next start (lib/secrets/seal-secret-extras.ts), which needs the key ring.

-- AlterTable
ALTER TABLE "Connector" ADD COLUMN "credentialType" TEXT NOT NULL DEFAULT 'oauth2';
ALTER TABLE "Connector" ADD COLUMN "privateKeyEnc" TEXT;
ALTER TABLE "Connector" ADD COLUMN "keyId" TEXT;
ALTER TABLE "Connector" ADD COLUMN "signingAlg" TEXT NOT NULL DEFAULT 'RS256';
ALTER TABLE "Connector" ADD COLUMN "publicJwk" TEXT;
ALTER TABLE "Connector" ADD COLUMN "jwtIssuer" TEXT;
ALTER TABLE "Connector" ADD COLUMN "jwtSubject" TEXT;
ALTER TABLE "Connector" ADD COLUMN "jwtAudience" TEXT;
ALTER TABLE "Connector" ADD COLUMN "jwtScopeIn" TEXT NOT NULL DEFAULT 'param';
ALTER TABLE "Connector" ADD COLUMN "grantTypeValue" TEXT NOT NULL DEFAULT 'client_credentials';
ALTER TABLE "Connector" ADD COLUMN "apiKeyEnc" TEXT;
ALTER TABLE "Connector" ADD COLUMN "apiKeyHeader" TEXT NOT NULL DEFAULT 'Authorization';
ALTER TABLE "Connector" ADD COLUMN "basicUsernameEnc" TEXT;
ALTER TABLE "Connector" ADD COLUMN "basicPasswordEnc" TEXT;

-- AlterTable
ALTER TABLE "ConnectorExtra" ADD COLUMN "secret" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "ConnectorExtra" ADD COLUMN "valueEnc" TEXT;

-- Secret-looking names become secret (the same list as lib/connectors/secret-names.ts)
UPDATE "ConnectorExtra" SET "secret" = true WHERE lower("name") IN ('api_key', 'apikey', 'api-key', 'x-api-key', 'x-apikey', 'token', 'access_token', 'auth_token', 'x-auth-token', 'password', 'passwd', 'secret', 'client_secret', 'x-client-secret', 'private_key', 'authorization', 'proxy-authorization', 'subscription-key', 'ocp-apim-subscription-key', 'x-functions-key');
