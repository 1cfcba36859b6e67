// The citizen's rating and "sudah beres?" answer, whether pressed, typed as a command or typed plainly:
// one call into the lifecycle and one confirmation text, shared by citizen-commands.ts and pending-answer.ts.
import type { OutboundMessage } from "../complaints/push-message.js";
import type { CitizenActor, LifecycleService, PhotoInput } from "../complaints/lifecycle-service.js";
import type { Db } from "../db/database.js";
import { CITIZEN_CONFIRM } from "./citizen-commands-copy.js";

const say = (text: string): OutboundMessage[] => [{ text }];

export async function rateComplaint(
  lifecycle: LifecycleService,
  db: Db,
  actor: CitizenActor,
  code: string,
  rating: number,
): Promise<OutboundMessage[]> {
  const result = await lifecycle.rate(db, actor, code, rating);
  return say(result.ok ? CITIZEN_CONFIRM.rated(result.code, rating) : result.message);
}

/** A photo for one of the reporter's complaints (captioned with its code, or sent while an officer waits). */
export async function addComplaintPhoto(
  lifecycle: LifecycleService,
  db: Db,
  actor: CitizenActor,
  code: string,
  photo: PhotoInput,
): Promise<{ ok: true; code: string } | { ok: false; replies: OutboundMessage[] }> {
  const result = await lifecycle.addPhoto(db, actor, code, photo);
  return result.ok ? { ok: true, code: result.code } : { ok: false, replies: say(result.message) };
}

export async function confirmFixed(
  lifecycle: LifecycleService,
  db: Db,
  actor: CitizenActor,
  code: string,
  fixed: boolean,
): Promise<OutboundMessage[]> {
  const result = await lifecycle.confirmFixed(db, actor, code, fixed);
  if (!result.ok) return say(result.message);
  return say(
    result.reopened ? CITIZEN_CONFIRM.reopened(result.code, result.responseDue ?? "-") : CITIZEN_CONFIRM.fixed(result.code),
  );
}
