-- AlterTable
ALTER TABLE "AuditLog" ADD COLUMN     "chainHash" TEXT,
ADD COLUMN     "chainSeq" INTEGER;

-- CreateTable
CREATE TABLE "AuditSeal" (
    "id" SERIAL NOT NULL,
    "headSeq" INTEGER NOT NULL,
    "headHash" TEXT NOT NULL,
    "sealedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditSeal_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "AuditSeal_headSeq_key" ON "AuditSeal"("headSeq");

-- CreateIndex
CREATE UNIQUE INDEX "AuditLog_chainSeq_key" ON "AuditLog"("chainSeq");



-- Added by hand (Prisma does not model triggers). Sealing is the one update the append-only audit
-- log allows: an unsealed entry gets its chain place and hash, once, and nothing else of it changes.
-- A column added to AuditLog later belongs in this list (and in the chain's hashed fields).
CREATE OR REPLACE FUNCTION "audit_log_append_only"() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'UPDATE'
     AND OLD."chainSeq" IS NULL AND OLD."chainHash" IS NULL AND NEW."chainSeq" IS NOT NULL AND NEW."chainHash" IS NOT NULL
     AND (NEW."id", NEW."at", NEW."actor", NEW."actorRole", NEW."action", NEW."applicationId", NEW."entityType", NEW."entityId", NEW."details", NEW."dedupeKey")
         IS NOT DISTINCT FROM
         (OLD."id", OLD."at", OLD."actor", OLD."actorRole", OLD."action", OLD."applicationId", OLD."entityType", OLD."entityId", OLD."details", OLD."dedupeKey")
  THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'AuditLog is append-only';
END;
$$ LANGUAGE plpgsql;

-- The seals are append-only too.
CREATE FUNCTION "audit_seal_append_only"() RETURNS trigger AS $$
BEGIN RAISE EXCEPTION 'AuditSeal is append-only'; END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER "AuditSeal_append_only" BEFORE UPDATE OR DELETE ON "AuditSeal"
FOR EACH ROW EXECUTE FUNCTION "audit_seal_append_only"();
