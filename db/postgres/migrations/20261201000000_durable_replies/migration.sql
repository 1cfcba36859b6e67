-- AlterTable
ALTER TABLE "ProcessedMessage" ADD COLUMN     "handledBy" TEXT,
ADD COLUMN     "replies" TEXT;

