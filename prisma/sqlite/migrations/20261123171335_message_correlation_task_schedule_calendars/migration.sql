-- CreateTable
CREATE TABLE "MessageSubscription" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "workflowId" TEXT NOT NULL,
    "messageName" TEXT NOT NULL,
    "correlationKey" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "PublishedMessage" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "messageName" TEXT NOT NULL,
    "correlationKey" TEXT NOT NULL,
    "variables" TEXT NOT NULL DEFAULT '{}',
    "publishedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "WorkingCalendar" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "data" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Task" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "applicationId" TEXT NOT NULL,
    "elementId" TEXT NOT NULL,
    "name" TEXT,
    "status" TEXT NOT NULL,
    "assignee" TEXT,
    "candidateGroups" TEXT NOT NULL DEFAULT '',
    "candidateUsers" TEXT NOT NULL DEFAULT '',
    "form" TEXT,
    "prefill" TEXT,
    "output" TEXT,
    "completedBy" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" DATETIME,
    "dueDate" DATETIME,
    "followUpDate" DATETIME,
    "priority" INTEGER NOT NULL DEFAULT 50,
    "notCompletedBy" TEXT NOT NULL DEFAULT '',
    CONSTRAINT "Task_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Task" ("applicationId", "assignee", "candidateGroups", "candidateUsers", "completedAt", "completedBy", "createdAt", "elementId", "form", "id", "name", "output", "prefill", "status") SELECT "applicationId", "assignee", "candidateGroups", "candidateUsers", "completedAt", "completedBy", "createdAt", "elementId", "form", "id", "name", "output", "prefill", "status" FROM "Task";
DROP TABLE "Task";
ALTER TABLE "new_Task" RENAME TO "Task";
CREATE INDEX "Task_status_idx" ON "Task"("status");
CREATE INDEX "Task_applicationId_idx" ON "Task"("applicationId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "MessageSubscription_messageName_correlationKey_idx" ON "MessageSubscription"("messageName", "correlationKey");

-- CreateIndex
CREATE INDEX "PublishedMessage_messageName_correlationKey_idx" ON "PublishedMessage"("messageName", "correlationKey");

-- CreateIndex
CREATE INDEX "PublishedMessage_expiresAt_idx" ON "PublishedMessage"("expiresAt");

