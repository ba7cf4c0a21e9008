-- CreateTable
CREATE TABLE "SatisfactionRating" (
    "id" TEXT NOT NULL,
    "applicationId" TEXT NOT NULL,
    "decidedAt" TIMESTAMP(3) NOT NULL,
    "processKey" TEXT NOT NULL,
    "serviceId" TEXT NOT NULL,
    "jalaliYear" INTEGER NOT NULL,
    "rating" INTEGER NOT NULL,
    "comment" TEXT,
    "ratedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SatisfactionRating_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FeedbackMessage" (
    "id" TEXT NOT NULL,
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
    "expectedDecisionAt" TIMESTAMP(3),
    "answer" TEXT,
    "answeredBy" TEXT,
    "answeredAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FeedbackMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CounterOffice" (
    "organisationId" TEXT NOT NULL,
    "officeCode" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CounterOffice_pkey" PRIMARY KEY ("organisationId")
);

-- CreateTable
CREATE TABLE "AgentAuthorisation" (
    "id" TEXT NOT NULL,
    "companyId" TEXT NOT NULL,
    "agentOrganisationId" TEXT NOT NULL,
    "contractNumber" TEXT NOT NULL,
    "validFrom" TIMESTAMP(3) NOT NULL,
    "validTo" TIMESTAMP(3) NOT NULL,
    "grantedById" TEXT NOT NULL,
    "revokedAt" TIMESTAMP(3),
    "revokedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AgentAuthorisation_pkey" PRIMARY KEY ("id")
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
CREATE UNIQUE INDEX "AgentAuthorisation_companyId_agentOrganisationId_contractNu_key" ON "AgentAuthorisation"("companyId", "agentOrganisationId", "contractNumber");

