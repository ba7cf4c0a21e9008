-- CreateTable
CREATE TABLE "InquiryResult" (
    "id" TEXT NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "applicationId" TEXT NOT NULL,
    "trackingNumber" TEXT NOT NULL,
    "elementId" TEXT NOT NULL,
    "activation" INTEGER NOT NULL,
    "registry" TEXT NOT NULL,
    "request" TEXT NOT NULL,
    "response" TEXT NOT NULL,
    "variables" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "summaryFa" TEXT NOT NULL,
    "summaryEn" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InquiryResult_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "InquiryResult_idempotencyKey_key" ON "InquiryResult"("idempotencyKey");

-- CreateIndex
CREATE INDEX "InquiryResult_applicationId_idx" ON "InquiryResult"("applicationId");

