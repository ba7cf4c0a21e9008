-- AlterTable
ALTER TABLE "Certificate" ADD COLUMN     "legacyNumber" TEXT,
ADD COLUMN     "replacesNumber" TEXT;

-- CreateIndex
CREATE INDEX "Certificate_replacesNumber_idx" ON "Certificate"("replacesNumber");

-- CreateIndex
CREATE INDEX "Certificate_legacyNumber_idx" ON "Certificate"("legacyNumber");

