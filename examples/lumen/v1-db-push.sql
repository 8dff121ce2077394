-- lumen v1: an LLM gateway that tracks API keys, teams and spend. This is the SQL its
-- schema.prisma produced with `prisma db push` at release 1.0: no migrations folder,
-- no _prisma_migrations ledger. Later releases switch to `prisma migrate deploy`,
-- which stops with P3005 on exactly this kind of database.

CREATE TYPE "KeyStatus" AS ENUM ('ACTIVE', 'REVOKED');

CREATE TABLE "Team" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "budgetUsd" DOUBLE PRECISION,
    "models" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Team_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "ApiKey" (
    "id" SERIAL NOT NULL,
    "hash" TEXT NOT NULL,
    "alias" TEXT,
    "teamId" TEXT,
    "status" "KeyStatus" NOT NULL DEFAULT 'ACTIVE',
    "spendUsd" DOUBLE PRECISION NOT NULL DEFAULT 0.0,
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "expiresAt" TIMESTAMP(3),

    CONSTRAINT "ApiKey_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "SpendLog" (
    "requestId" TEXT NOT NULL,
    "keyId" INTEGER NOT NULL,
    "model" TEXT NOT NULL,
    "promptTokens" INTEGER NOT NULL DEFAULT 0,
    "completionTokens" INTEGER NOT NULL DEFAULT 0,
    "costUsd" DOUBLE PRECISION NOT NULL DEFAULT 0.0,
    "startedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SpendLog_pkey" PRIMARY KEY ("requestId")
);

CREATE UNIQUE INDEX "ApiKey_hash_key" ON "ApiKey"("hash");
CREATE INDEX "SpendLog_startedAt_idx" ON "SpendLog"("startedAt");

ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "SpendLog" ADD CONSTRAINT "SpendLog_keyId_fkey" FOREIGN KEY ("keyId") REFERENCES "ApiKey"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
