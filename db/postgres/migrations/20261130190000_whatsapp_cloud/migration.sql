-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN     "deliveryStatus" TEXT,
ADD COLUMN     "deliveryUpdatedAt" TIMESTAMP(3),
ADD COLUMN     "errorCode" TEXT,
ADD COLUMN     "platformMessageId" TEXT;

-- CreateTable
CREATE TABLE "ChatActivity" (
    "channel" TEXT NOT NULL,
    "chatId" TEXT NOT NULL,
    "lastInboundAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ChatActivity_pkey" PRIMARY KEY ("channel","chatId")
);

-- CreateIndex
CREATE INDEX "OutboxMessage_complaintId_idx" ON "OutboxMessage"("complaintId");

-- CreateIndex
CREATE INDEX "OutboxMessage_platformMessageId_idx" ON "OutboxMessage"("platformMessageId");

