-- CreateTable
CREATE TABLE "DecisionDefinition" (
    "id" TEXT NOT NULL,
    "decisionId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "name" TEXT,
    "xml" TEXT NOT NULL,
    "compiled" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "deployedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DecisionDefinition_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "DecisionDefinition_decisionId_version_key" ON "DecisionDefinition"("decisionId", "version");

