-- AlterTable
ALTER TABLE "User" ADD COLUMN     "email" TEXT,
ADD COLUMN     "mobile" TEXT;

-- CreateTable
CREATE TABLE "Notice" (
    "id" TEXT NOT NULL,
    "eventKey" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "applicationId" TEXT,
    "trackingNumber" TEXT,
    "processKey" TEXT,
    "subjectFa" TEXT NOT NULL,
    "subjectEn" TEXT NOT NULL,
    "bodyFa" TEXT NOT NULL,
    "bodyEn" TEXT NOT NULL,
    "smsText" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Notice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NoticeDelivery" (
    "id" TEXT NOT NULL,
    "noticeId" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "recipient" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "claimedUntil" TIMESTAMP(3),
    "lastError" TEXT,
    "externalId" TEXT,
    "sentAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "NoticeDelivery_pkey" PRIMARY KEY ("id")
);

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

-- CreateTable
CREATE TABLE "InquiryResult" (
    "id" TEXT NOT NULL,
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
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InquiryResult_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Payment" (
    "id" TEXT NOT NULL,
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
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "paidAt" TIMESTAMP(3),
    "refundedAt" TIMESTAMP(3),

    CONSTRAINT "Payment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Notice_eventKey_key" ON "Notice"("eventKey");

-- CreateIndex
CREATE INDEX "Notice_userId_idx" ON "Notice"("userId");

-- CreateIndex
CREATE INDEX "Notice_event_idx" ON "Notice"("event");

-- CreateIndex
CREATE INDEX "NoticeDelivery_state_nextAttemptAt_idx" ON "NoticeDelivery"("state", "nextAttemptAt");

-- CreateIndex
CREATE UNIQUE INDEX "NoticeDelivery_noticeId_channel_key" ON "NoticeDelivery"("noticeId", "channel");

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

-- CreateIndex
CREATE UNIQUE INDEX "InquiryResult_idempotencyKey_key" ON "InquiryResult"("idempotencyKey");

-- CreateIndex
CREATE INDEX "InquiryResult_applicationId_idx" ON "InquiryResult"("applicationId");

-- CreateIndex
CREATE UNIQUE INDEX "Payment_key_key" ON "Payment"("key");

-- CreateIndex
CREATE UNIQUE INDEX "Payment_gatewayOrderId_key" ON "Payment"("gatewayOrderId");

-- CreateIndex
CREATE INDEX "Payment_applicationId_idx" ON "Payment"("applicationId");

-- CreateIndex
CREATE INDEX "Payment_state_idx" ON "Payment"("state");

-- AddForeignKey
ALTER TABLE "NoticeDelivery" ADD CONSTRAINT "NoticeDelivery_noticeId_fkey" FOREIGN KEY ("noticeId") REFERENCES "Notice"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

