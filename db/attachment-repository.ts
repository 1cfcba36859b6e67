// Photos of filed complaints: counted, read for staff and added by the reporter later (draft photos of
// an unfinished form are on the hot path: db/sql-store.ts).
import { createHash } from "node:crypto";
import type { Db } from "./client.js";
import type { PhotoData } from "./models.js";

/** The checksum stored with every photo, whichever path wrote it. */
export function photoDigest(data: Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

export function countAttachments(db: Db, complaintId: string): Promise<number> {
  return db.attachment.count({ where: { complaintId } });
}

/** The complaint's first `limit` photos, oldest first. */
export async function firstPhotos(db: Db, complaintId: string, limit: number): Promise<PhotoData[]> {
  const rows = await db.attachment.findMany({
    where: { complaintId },
    orderBy: { createdAt: "asc" },
    take: limit,
    select: { data: true, mimeType: true },
  });
  return rows.map((row) => ({ data: Buffer.from(row.data), mimeType: row.mimeType }));
}

export async function insertPhoto(db: Db, complaintId: string, photo: PhotoData, source: string, createdAt: Date): Promise<void> {
  await db.attachment.create({
    data: {
      complaintId,
      mimeType: photo.mimeType,
      sizeBytes: photo.data.length,
      sha256: photoDigest(photo.data),
      data: new Uint8Array(photo.data),
      source,
      createdAt,
    },
  });
}
