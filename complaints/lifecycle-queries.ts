// Reads behind /lihat, /antrian, /status: every one goes through the same permission checks as the
// changes, and returns projections (complaint-views.ts), never raw rows.
import type { OutboundFile } from "./push-message.js";
import { countAttachments, firstPhotos } from "../db/attachment-repository.js";
import {
  complaintEvents,
  feedbackPending,
  openComplaints,
  questionPendingCode,
  reporterComplaints,
} from "../db/complaint-repository.js";
import type { Db } from "../db/database.js";
import { staffByIdentities } from "../db/staff-repository.js";
import { STATUS } from "./complaint-status.js";
import {
  overdueLabel,
  staffLabel,
  toCitizenView,
  toQueueItem,
  toStaffView,
  type CitizenComplaintView,
  type QueueItem,
  type StaffComplaintView,
  type ViewContext,
} from "./complaint-views.js";
import { fail, loadForReporter, loadForStaff, type LifecycleDeps, type Outcome } from "./lifecycle-core.js";
import { isCitizenActor, isCoordinator, type Actor } from "./permissions.js";
import { undeliveredPushes } from "./outbox-delivery.js";
import { reopenDeadline } from "./sla.js";

export interface AwaitingFeedback {
  code: string;
  /** The rating (1-5) is still missing. */
  rating: boolean;
  /** The answer to "sudah beres?" is still missing. */
  fixed: boolean;
}

const QUEUE_LIMIT = 25;
const PHOTO_LIMIT = 3;
const CITIZEN_LIST_LIMIT = 10;

export interface QueueResult {
  items: QueueItem[];
  /** All open complaints in scope; items holds the first QUEUE_LIMIT. */
  total: number;
  overdue: number;
  scope: string;
}

const EXTENSIONS: Record<string, string> = { "image/jpeg": "jpg", "image/png": "png", "image/webp": "webp" };

export function createQueries(deps: LifecycleDeps) {
  const context = (): ViewContext => ({ agencyName: deps.agencyName, sla: deps.sla, now: deps.clock() });

  async function staffView(
    db: Db,
    actor: Actor,
    rawCode: string,
  ): Promise<Outcome<{ view: StaffComplaintView; photos: OutboundFile[] }>> {
    const loaded = await loadForStaff(db, actor, rawCode);
    if (!loaded.ok) return loaded;
    const { complaint } = loaded;
    // Sequential on purpose: inside an interactive transaction the adapter has one connection.
    const events = await complaintEvents(db, complaint.id);
    const attachmentCount = await countAttachments(db, complaint.id);
    const photos = (await firstPhotos(db, complaint.id, PHOTO_LIMIT)).map((attachment, index) => ({
      data: attachment.data,
      mimeType: attachment.mimeType,
      fileName: `${complaint.trackingCode}-${index + 1}.${EXTENSIONS[attachment.mimeType] ?? "bin"}`,
    }));
    const identities = [...new Set(events.flatMap((event) => (event.actorIdentity ? [event.actorIdentity] : [])))];
    const staff = await staffByIdentities(db, identities);
    const names = new Map(staff.map((row) => [row.identity, staffLabel(row)]));
    const failures = await undeliveredPushes(db, complaint.id);
    return { ok: true, view: toStaffView(complaint, events, attachmentCount, context(), names, failures), photos };
  }

  /** Overdue first; for coordinators unrouted (BARU) next; then oldest first. */
  async function queue(db: Db, actor: Actor): Promise<Outcome<QueueResult>> {
    if (isCitizenActor(actor)) return fail("Perintah ini tidak tersedia.");
    const coordinator = isCoordinator(actor);
    const rows = await openComplaints(db, coordinator ? {} : { agency: actor.agencyCode });
    const ctx = context();
    const ranked = rows
      .map((row) => ({ row, late: overdueLabel(row, ctx.now) !== null }))
      .sort((a, b) => {
        if (a.late !== b.late) return a.late ? -1 : 1;
        if (coordinator) {
          const aNew = a.row.status === STATUS.BARU;
          const bNew = b.row.status === STATUS.BARU;
          if (aNew !== bNew) return aNew ? -1 : 1;
        }
        return a.row.filedAt.getTime() - b.row.filedAt.getTime();
      });
    return {
      ok: true,
      items: ranked.slice(0, QUEUE_LIMIT).map(({ row }) => toQueueItem(row, ctx)),
      total: rows.length,
      overdue: ranked.filter((entry) => entry.late).length,
      scope: coordinator ? "semua instansi" : actor.agencyCode,
    };
  }

  async function citizenStatus(db: Db, actor: Actor, rawCode: string): Promise<Outcome<{ view: CitizenComplaintView }>> {
    const loaded = await loadForReporter(db, actor, rawCode);
    if (!loaded.ok) return loaded;
    const events = await complaintEvents(db, loaded.complaint.id, { citizenVisibleOnly: true });
    return { ok: true, view: toCitizenView(loaded.complaint, events, context()) };
  }

  /** The reporter's own complaints, newest first; an empty list for anyone without complaints. */
  async function citizenComplaints(db: Db, actor: Actor): Promise<Outcome<{ items: CitizenComplaintView[]; total: number }>> {
    if (!isCitizenActor(actor)) return { ok: true, items: [], total: 0 };
    const { rows, total } = await reporterComplaints(db, actor, CITIZEN_LIST_LIMIT);
    const ctx = context();
    return { ok: true, items: rows.map((row) => toCitizenView(row, [], ctx)), total };
  }

  /**
   * The code of the reporter's newest complaint that waits for an answer to /tanya, or null. The
   * dialog can use it to treat a plain reply as the answer ("replying while that complaint is discussed").
   */
  async function awaitingAnswer(db: Db, actor: Actor): Promise<string | null> {
    if (!isCitizenActor(actor)) return null;
    return questionPendingCode(db, actor);
  }

  /**
   * The reporter's newest SELESAI complaint whose rating or "sudah beres?" answer is still missing,
   * while it may still be reopened: a typed "4" or "belum beres" at the menu answers it.
   */
  async function awaitingFeedback(db: Db, actor: Actor): Promise<AwaitingFeedback | null> {
    if (!isCitizenActor(actor)) return null;
    const row = await feedbackPending(db, actor);
    if (!row?.finishedAt || reopenDeadline(row.finishedAt, deps.sla).getTime() < deps.clock().getTime()) return null;
    return { code: row.trackingCode, rating: row.ratingMissing, fixed: row.fixedMissing };
  }

  return { staffView, queue, citizenStatus, citizenComplaints, awaitingAnswer, awaitingFeedback };
}
