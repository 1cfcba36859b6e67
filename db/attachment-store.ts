// Photos sent while the form is open are held under the form's submission id until it is filed.
import { createHash } from "node:crypto";
import type { Db } from "./database.js";

export interface PhotoData {
  data: Buffer;
  mimeType: string;
}

export async function saveDraftPhoto(db: Db, draftKey: string, photo: PhotoData, source: string): Promise<string> {
  const row = await db.attachment.create({
    data: {
      draftKey,
      mimeType: photo.mimeType,
      sizeBytes: photo.data.length,
      sha256: createHash("sha256").update(photo.data).digest("hex"),
      data: new Uint8Array(photo.data),
      source,
    },
    select: { id: true },
  });
  return row.id;
}

export async function discardDraftPhotos(db: Db, draftKey: string): Promise<void> {
  if (draftKey === "") return;
  await db.attachment.deleteMany({ where: { draftKey, complaintId: null } });
}

/** Links the chosen draft photos to the filed complaint and drops the ones removed from the form. */
export async function attachDraftPhotos(db: Db, draftKey: string, photoIds: string[], complaintId: string): Promise<void> {
  await db.attachment.updateMany({
    where: { id: { in: photoIds }, draftKey },
    data: { complaintId, draftKey: null },
  });
  await discardDraftPhotos(db, draftKey);
}
