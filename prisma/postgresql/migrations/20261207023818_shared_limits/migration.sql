-- CreateTable
CREATE TABLE "LoginFailure" (
    "kind" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "lastAtMs" BIGINT NOT NULL,

    CONSTRAINT "LoginFailure_pkey" PRIMARY KEY ("kind","key")
);

-- CreateTable
CREATE TABLE "RateLimitWindow" (
    "key" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "windowEndMs" BIGINT NOT NULL,

    CONSTRAINT "RateLimitWindow_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "LoginFailure_lastAtMs_idx" ON "LoginFailure"("lastAtMs");

-- CreateIndex
CREATE INDEX "RateLimitWindow_windowEndMs_idx" ON "RateLimitWindow"("windowEndMs");

