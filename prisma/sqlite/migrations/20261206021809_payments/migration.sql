-- CreateTable
CREATE TABLE "Payment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "key" TEXT NOT NULL,
    "applicationId" TEXT NOT NULL,
    "trackingNumber" TEXT NOT NULL,
    "processKey" TEXT NOT NULL,
    "amount" INTEGER NOT NULL,
    "currency" TEXT NOT NULL DEFAULT 'IRR',
    "state" TEXT NOT NULL,
    "stage" TEXT NOT NULL,
    "gatewayOrderId" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "gatewayReference" TEXT,
    "signedResult" TEXT,
    "failureReason" TEXT,
    "receiptDocumentId" TEXT,
    "refundReference" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "paidAt" DATETIME,
    "refundedAt" DATETIME
);

-- CreateIndex
CREATE UNIQUE INDEX "Payment_key_key" ON "Payment"("key");

-- CreateIndex
CREATE UNIQUE INDEX "Payment_gatewayOrderId_key" ON "Payment"("gatewayOrderId");

-- CreateIndex
CREATE INDEX "Payment_applicationId_idx" ON "Payment"("applicationId");

-- CreateIndex
CREATE INDEX "Payment_state_idx" ON "Payment"("state");

