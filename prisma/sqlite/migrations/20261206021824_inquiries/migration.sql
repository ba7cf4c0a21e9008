-- CreateTable
CREATE TABLE "InquiryResult" (
    "id" TEXT NOT NULL PRIMARY KEY,
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
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE UNIQUE INDEX "InquiryResult_idempotencyKey_key" ON "InquiryResult"("idempotencyKey");

-- CreateIndex
CREATE INDEX "InquiryResult_applicationId_idx" ON "InquiryResult"("applicationId");

