-- CreateTable
CREATE TABLE "RoutingExample" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "key" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "agencyCode" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "batch" TEXT,
    "complaintId" TEXT,
    "actorIdentity" TEXT,
    "createdAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "RoutingExample_key_key" ON "RoutingExample"("key");

-- CreateIndex
CREATE INDEX "RoutingExample_agencyCode_idx" ON "RoutingExample"("agencyCode");

-- CreateIndex
CREATE INDEX "RoutingExample_batch_idx" ON "RoutingExample"("batch");

-- CreateIndex
CREATE INDEX "RoutingExample_complaintId_idx" ON "RoutingExample"("complaintId");

