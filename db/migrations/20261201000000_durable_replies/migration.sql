-- AlterTable
ALTER TABLE "ProcessedMessage" ADD COLUMN "handledBy" TEXT;
ALTER TABLE "ProcessedMessage" ADD COLUMN "replies" TEXT;
