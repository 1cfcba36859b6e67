// What the reporter does after filing: answer staff (/jawab, /tanggapi), reopen within the window,
// rate, say whether the problem is really fixed, send a photo of the current state.
import type { OutboundMessage } from "./push-message.js";
import { countAttachments, insertPhoto } from "../db/attachment-repository.js";
import type { Db } from "../db/database.js";
import type { PhotoData } from "../db/models.js";
import { EVENT } from "./complaint-status.js";
import type { ComplaintWithCitizen } from "./complaint-views.js";
import {
  applyChange,
  checkMove,
  fail,
  loadForReporter,
  requireText,
  type ChangeResult,
  type LifecycleDeps,
  type Outcome,
} from "./lifecycle-core.js";
import { LIFECYCLE_COPY } from "./lifecycle-copy.js";
import { formatDateTime, formatDay } from "./lifecycle-format.js";
import { STAFF_NOTICE } from "./notification-copy.js";
import { dedupeItems, toAgencyStaff, toCoordinators, toIdentity } from "./notifications.js";
import type { OutboxItem } from "./outbox.js";
import type { Actor } from "./permissions.js";
import { reopenDeadline, responseDue } from "./sla.js";

export interface ReopenResult extends ChangeResult {
  /** Formatted deadline of the agency's new follow-up. */
  responseDue: string;
}

export type PhotoInput = PhotoData;

const MAX_PHOTOS_PER_COMPLAINT = 10;

export function createCitizenActions(deps: LifecycleDeps) {
  const offset = deps.sla.calendar.utcOffsetMinutes;

  /** The asker (if any) and everyone handling the complaint now; coordinators while it is unrouted. */
  async function handlers(db: Db, complaint: ComplaintWithCitizen, message: OutboundMessage): Promise<OutboxItem[]> {
    const items: OutboxItem[] = [];
    if (complaint.pendingQuestionBy) {
      const item = toIdentity(complaint.pendingQuestionBy, message, complaint.id);
      if (item) items.push(item);
    }
    items.push(
      ...(complaint.assignedAgency
        ? await toAgencyStaff(db, complaint.assignedAgency, message, { complaintId: complaint.id })
        : await toCoordinators(db, message, { complaintId: complaint.id })),
    );
    return dedupeItems(items);
  }

  async function answer(db: Db, actor: Actor, rawCode: string, body: string): Promise<Outcome<ChangeResult>> {
    const loaded = await loadForReporter(db, actor, rawCode);
    if (!loaded.ok) return loaded;
    const { complaint } = loaded;
    const refused = checkMove("answer", complaint);
    if (refused) return refused;
    const text = requireText(body, "Tanggapan", { min: 1, max: 3000 });
    if (!text.ok) return text;
    return applyChange(db, {
      complaint,
      operation: "answer",
      actor,
      eventType: EVENT.ANSWER,
      note: text.text,
      visibleToCitizen: true,
      eventAgency: complaint.assignedAgency,
      data: complaint.pendingQuestionBy ? { pendingQuestionBy: null } : {},
      staffOutbox: await handlers(db, complaint, STAFF_NOTICE.citizenAnswered(complaint.trackingCode, text.text)),
      now: deps.clock(),
    });
  }

  async function reopen(db: Db, actor: Actor, rawCode: string, reason: string): Promise<Outcome<ReopenResult>> {
    const loaded = await loadForReporter(db, actor, rawCode);
    if (!loaded.ok) return loaded;
    const { complaint } = loaded;
    const refused = checkMove("reopen", complaint);
    if (refused) return refused;
    const now = deps.clock();
    if (complaint.finishedAt) {
      const deadline = reopenDeadline(complaint.finishedAt, deps.sla);
      if (now.getTime() > deadline.getTime()) {
        return fail(LIFECYCLE_COPY.reopenExpired(complaint.trackingCode, formatDateTime(deadline, offset)));
      }
    }
    const text = requireText(reason, "Alasan", { min: 3, max: 1000 });
    if (!text.ok) return text;
    const due = responseDue(now, deps.sla);
    const result = await applyChange(db, {
      complaint,
      operation: "reopen",
      actor,
      eventType: EVENT.REOPENED,
      note: text.text,
      visibleToCitizen: true,
      eventAgency: complaint.assignedAgency,
      data: {
        increment: "reopenCount",
        citizenSatisfied: false,
        finishedAt: null,
        responseDueAt: due,
        pendingQuestionBy: null,
      },
      staffOutbox: await handlers(
        db,
        complaint,
        STAFF_NOTICE.reopened(complaint.trackingCode, text.text, formatDay(due, offset)),
      ),
      now,
    });
    return result.ok ? { ...result, responseDue: formatDay(due, offset) } : result;
  }

  async function rate(db: Db, actor: Actor, rawCode: string, rating: number): Promise<Outcome<ChangeResult>> {
    const loaded = await loadForReporter(db, actor, rawCode);
    if (!loaded.ok) return loaded;
    const { complaint } = loaded;
    const refused = checkMove("rate", complaint);
    if (refused) return refused;
    if (!Number.isInteger(rating) || rating < 1 || rating > 5) return fail(LIFECYCLE_COPY.ratingRange(complaint.trackingCode));
    return applyChange(db, {
      complaint,
      operation: "rate",
      actor,
      eventType: EVENT.RATED,
      note: String(rating),
      visibleToCitizen: true,
      eventAgency: complaint.assignedAgency,
      data: { rating },
      staffOutbox: complaint.assignedAgency
        ? await toAgencyStaff(db, complaint.assignedAgency, STAFF_NOTICE.rated(complaint.trackingCode, rating), {
            complaintId: complaint.id,
          })
        : [],
      now: deps.clock(),
    });
  }

  /** "Sudah beres" closes the question; "belum" is a reopen (refused once the window has passed). */
  async function confirmFixed(
    db: Db,
    actor: Actor,
    rawCode: string,
    fixed: boolean,
  ): Promise<Outcome<ChangeResult & { reopened: boolean; responseDue: string | null }>> {
    if (!fixed) {
      const result = await reopen(db, actor, rawCode, "Pelapor menyatakan masalahnya belum beres.");
      return result.ok ? { ...result, reopened: true } : result;
    }
    const loaded = await loadForReporter(db, actor, rawCode);
    if (!loaded.ok) return loaded;
    const result = await applyChange(db, {
      complaint: loaded.complaint,
      operation: "confirm",
      actor,
      eventType: EVENT.CONFIRMED,
      note: "sudah",
      visibleToCitizen: true,
      eventAgency: loaded.complaint.assignedAgency,
      data: { citizenSatisfied: true },
      now: deps.clock(),
    });
    return result.ok ? { ...result, reopened: false, responseDue: null } : result;
  }

  /** A photo for an existing complaint (e.g. the state after a reopen), attached and announced to staff. */
  async function addPhoto(db: Db, actor: Actor, rawCode: string, photo: PhotoInput): Promise<Outcome<ChangeResult>> {
    const loaded = await loadForReporter(db, actor, rawCode);
    if (!loaded.ok) return loaded;
    const { complaint } = loaded;
    const refused = checkMove("answer", complaint);
    if (refused) return refused;
    const count = await countAttachments(db, complaint.id);
    if (count >= MAX_PHOTOS_PER_COMPLAINT) {
      return fail(`Laporan ${complaint.trackingCode} sudah memiliki ${count} foto, jumlah maksimal. Foto ini tidak disimpan.`);
    }
    const now = deps.clock();
    await insertPhoto(db, complaint.id, photo, "followup", now);
    return applyChange(db, {
      complaint,
      operation: "answer",
      actor,
      eventType: EVENT.PHOTO,
      note: null,
      visibleToCitizen: true,
      eventAgency: complaint.assignedAgency,
      staffOutbox: await handlers(db, complaint, STAFF_NOTICE.citizenPhoto(complaint.trackingCode)),
      now,
    });
  }

  return { answer, reopen, rate, confirmFixed, addPhoto };
}
