-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN "deliveryStatus" TEXT;
ALTER TABLE "OutboxMessage" ADD COLUMN "deliveryUpdatedAt" DATETIME;
ALTER TABLE "OutboxMessage" ADD COLUMN "errorCode" TEXT;
ALTER TABLE "OutboxMessage" ADD COLUMN "platformMessageId" TEXT;

-- CreateTable
CREATE TABLE "ChatActivity" (
    "channel" TEXT NOT NULL,
    "chatId" TEXT NOT NULL,
    "lastInboundAt" DATETIME NOT NULL,

    PRIMARY KEY ("channel", "chatId")
);

-- CreateIndex
CREATE INDEX "OutboxMessage_platformMessageId_idx" ON "OutboxMessage"("platformMessageId");

-- CreateIndex
CREATE INDEX "OutboxMessage_complaintId_idx" ON "OutboxMessage"("complaintId");

