-- AlterTable
ALTER TABLE "Task" ADD COLUMN     "dueDate" TIMESTAMP(3),
ADD COLUMN     "followUpDate" TIMESTAMP(3),
ADD COLUMN     "notCompletedBy" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "priority" INTEGER NOT NULL DEFAULT 50;

-- CreateTable
CREATE TABLE "MessageSubscription" (
    "id" TEXT NOT NULL,
    "workflowId" TEXT NOT NULL,
    "messageName" TEXT NOT NULL,
    "correlationKey" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MessageSubscription_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PublishedMessage" (
    "id" TEXT NOT NULL,
    "messageName" TEXT NOT NULL,
    "correlationKey" TEXT NOT NULL,
    "variables" TEXT NOT NULL DEFAULT '{}',
    "publishedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PublishedMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WorkingCalendar" (
    "id" TEXT NOT NULL,
    "data" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "WorkingCalendar_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "MessageSubscription_messageName_correlationKey_idx" ON "MessageSubscription"("messageName", "correlationKey");

-- CreateIndex
CREATE INDEX "PublishedMessage_messageName_correlationKey_idx" ON "PublishedMessage"("messageName", "correlationKey");

-- CreateIndex
CREATE INDEX "PublishedMessage_expiresAt_idx" ON "PublishedMessage"("expiresAt");

