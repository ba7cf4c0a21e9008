-- AlterTable
ALTER TABLE "AuditLog" ADD COLUMN "chainHash" TEXT;
ALTER TABLE "AuditLog" ADD COLUMN "chainSeq" INTEGER;

-- CreateTable
CREATE TABLE "AuditSeal" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "headSeq" INTEGER NOT NULL,
    "headHash" TEXT NOT NULL,
    "sealedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE UNIQUE INDEX "AuditSeal_headSeq_key" ON "AuditSeal"("headSeq");

-- CreateIndex
CREATE UNIQUE INDEX "AuditLog_chainSeq_key" ON "AuditLog"("chainSeq");



-- Added by hand (Prisma does not model triggers). Sealing is the one update the append-only audit
-- log allows: an unsealed entry gets its chain place and hash, once, and nothing else of it changes.
-- A column added to AuditLog later belongs in this list (and in the chain's hashed fields).
DROP TRIGGER "AuditLog_no_update";
CREATE TRIGGER "AuditLog_no_update" BEFORE UPDATE ON "AuditLog"
WHEN NOT (
  OLD."chainSeq" IS NULL AND OLD."chainHash" IS NULL AND NEW."chainSeq" IS NOT NULL AND NEW."chainHash" IS NOT NULL
  AND NEW."id" IS OLD."id" AND NEW."at" IS OLD."at" AND NEW."actor" IS OLD."actor" AND NEW."actorRole" IS OLD."actorRole"
  AND NEW."action" IS OLD."action" AND NEW."applicationId" IS OLD."applicationId" AND NEW."entityType" IS OLD."entityType"
  AND NEW."entityId" IS OLD."entityId" AND NEW."details" IS OLD."details" AND NEW."dedupeKey" IS OLD."dedupeKey"
)
BEGIN SELECT RAISE(ABORT, 'AuditLog is append-only'); END;

-- The seals are append-only too.
CREATE TRIGGER "AuditSeal_no_update" BEFORE UPDATE ON "AuditSeal"
BEGIN SELECT RAISE(ABORT, 'AuditSeal is append-only'); END;
CREATE TRIGGER "AuditSeal_no_delete" BEFORE DELETE ON "AuditSeal"
BEGIN SELECT RAISE(ABORT, 'AuditSeal is append-only'); END;
