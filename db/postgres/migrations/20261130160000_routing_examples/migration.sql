-- CreateTable
CREATE TABLE "RoutingExample" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "agencyCode" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "batch" TEXT,
    "complaintId" TEXT,
    "actorIdentity" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RoutingExample_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "RoutingExample_key_key" ON "RoutingExample"("key");

-- CreateIndex
CREATE INDEX "RoutingExample_complaintId_idx" ON "RoutingExample"("complaintId");

-- CreateIndex
CREATE INDEX "RoutingExample_batch_idx" ON "RoutingExample"("batch");

-- CreateIndex
CREATE INDEX "RoutingExample_agencyCode_idx" ON "RoutingExample"("agencyCode");

