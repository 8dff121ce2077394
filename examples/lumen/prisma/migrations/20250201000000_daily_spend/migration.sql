-- CreateTable
CREATE TABLE "DailySpend" (
    "id" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    "teamId" TEXT,
    "model" TEXT NOT NULL,
    "requests" BIGINT NOT NULL DEFAULT 0,
    "costUsd" DOUBLE PRECISION NOT NULL DEFAULT 0.0,

    CONSTRAINT "DailySpend_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "DailySpend_date_idx" ON "DailySpend"("date");

-- CreateIndex
CREATE UNIQUE INDEX "DailySpend_date_teamId_model_key" ON "DailySpend"("date", "teamId", "model");
