-- CreateTable
CREATE TABLE "CertificateStatusChange" (
    "id" SERIAL NOT NULL,
    "certificateId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "action" TEXT NOT NULL,
    "fromStatus" TEXT NOT NULL,
    "toStatus" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "decidedBy" TEXT NOT NULL,
    "trackingNumber" TEXT NOT NULL,
    "idempotencyKey" TEXT NOT NULL,

    CONSTRAINT "CertificateStatusChange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "CertificateStatusChange_idempotencyKey_key" ON "CertificateStatusChange"("idempotencyKey");

-- CreateIndex
CREATE INDEX "CertificateStatusChange_at_idx" ON "CertificateStatusChange"("at");

-- CreateIndex
CREATE INDEX "CertificateStatusChange_certificateId_idx" ON "CertificateStatusChange"("certificateId");

-- AddForeignKey
ALTER TABLE "CertificateStatusChange" ADD CONSTRAINT "CertificateStatusChange_certificateId_fkey" FOREIGN KEY ("certificateId") REFERENCES "Certificate"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

