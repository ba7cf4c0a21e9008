-- CreateTable
CREATE TABLE "SatisfactionRating" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "applicationId" TEXT NOT NULL,
    "decidedAt" DATETIME NOT NULL,
    "processKey" TEXT NOT NULL,
    "serviceId" TEXT NOT NULL,
    "jalaliYear" INTEGER NOT NULL,
    "rating" INTEGER NOT NULL,
    "comment" TEXT,
    "ratedById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "FeedbackMessage" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "trackingNumber" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "processKey" TEXT,
    "serviceId" TEXT,
    "applicationId" TEXT,
    "text" TEXT NOT NULL,
    "senderId" TEXT,
    "senderName" TEXT,
    "senderContact" TEXT,
    "followUpCodeHash" TEXT,
    "state" TEXT NOT NULL DEFAULT 'received',
    "delayFlagged" BOOLEAN NOT NULL DEFAULT false,
    "expectedDecisionAt" DATETIME,
    "answer" TEXT,
    "answeredBy" TEXT,
    "answeredAt" DATETIME,
    "closedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "CounterOffice" (
    "organisationId" TEXT NOT NULL PRIMARY KEY,
    "officeCode" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "AgentAuthorisation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "companyId" TEXT NOT NULL,
    "agentOrganisationId" TEXT NOT NULL,
    "contractNumber" TEXT NOT NULL,
    "validFrom" DATETIME NOT NULL,
    "validTo" DATETIME NOT NULL,
    "grantedById" TEXT NOT NULL,
    "revokedAt" DATETIME,
    "revokedById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "SatisfactionRating_serviceId_jalaliYear_idx" ON "SatisfactionRating"("serviceId", "jalaliYear");

-- CreateIndex
CREATE UNIQUE INDEX "SatisfactionRating_applicationId_decidedAt_key" ON "SatisfactionRating"("applicationId", "decidedAt");

-- CreateIndex
CREATE UNIQUE INDEX "FeedbackMessage_trackingNumber_key" ON "FeedbackMessage"("trackingNumber");

-- CreateIndex
CREATE INDEX "FeedbackMessage_state_idx" ON "FeedbackMessage"("state");

-- CreateIndex
CREATE INDEX "FeedbackMessage_senderId_idx" ON "FeedbackMessage"("senderId");

-- CreateIndex
CREATE INDEX "FeedbackMessage_applicationId_idx" ON "FeedbackMessage"("applicationId");

-- CreateIndex
CREATE UNIQUE INDEX "CounterOffice_officeCode_key" ON "CounterOffice"("officeCode");

-- CreateIndex
CREATE INDEX "AgentAuthorisation_agentOrganisationId_idx" ON "AgentAuthorisation"("agentOrganisationId");

-- CreateIndex
CREATE UNIQUE INDEX "AgentAuthorisation_companyId_agentOrganisationId_contractNumber_key" ON "AgentAuthorisation"("companyId", "agentOrganisationId", "contractNumber");

