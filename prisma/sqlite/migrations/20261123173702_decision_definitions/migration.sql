-- CreateTable
CREATE TABLE "DecisionDefinition" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "decisionId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "name" TEXT,
    "xml" TEXT NOT NULL,
    "compiled" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "deployedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE UNIQUE INDEX "DecisionDefinition_decisionId_version_key" ON "DecisionDefinition"("decisionId", "version");

