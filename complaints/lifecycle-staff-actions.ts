// What staff do to a complaint: forward, process, reply, note, finish, reject, not-authority, ask.
// Each loads the complaint through the permission check, then writes one change with its pushes.
import type { Db } from "../db/database.js";
import { COORDINATOR_CODE } from "../nlp/classification.js";
import { EVENT, STATUS } from "./complaint-status.js";
import { citizenNextStep, type ComplaintWithCitizen } from "./complaint-views.js";
import {
  applyChange,
  checkMove,
  fail,
  loadForStaff,
  requireText,
  type ChangeResult,
  type LifecycleDeps,
  type Outcome,
} from "./lifecycle-core.js";
import { LIFECYCLE_COPY } from "./lifecycle-copy.js";
import { formatDateTime, formatDay, summarize } from "./lifecycle-format.js";
import { CITIZEN_NOTICE, STAFF_NOTICE } from "./notification-copy.js";
import { toAgencyStaff, toCitizen, toCoordinators } from "./notifications.js";
import { isCitizenActor, isCoordinator, type Actor } from "./permissions.js";
import { recordFinished, recordForward, retractDeclined } from "./routing-examples.js";
import { reopenDeadline, responseDue, routeDue } from "./sla.js";
import { normalizeAgencyCode } from "./staff-directory.js";

const REASON = { min: 5, max: 1000 };
const MESSAGE = { min: 2, max: 3000 };

export function createStaffActions(deps: LifecycleDeps) {
  const offset = deps.sla.calendar.utcOffsetMinutes;
  const nameOf = (code: string | null): string => (code ? (deps.agencyName(code) ?? code) : "Koordinator");
  const viewContext = (now: Date) => ({ agencyName: deps.agencyName, sla: deps.sla, now });
  /** The next-step line as it will read after the change. */
  const nextAfter = (complaint: ComplaintWithCitizen, changes: Partial<ComplaintWithCitizen>, now: Date): string =>
    citizenNextStep({ ...complaint, ...changes }, viewContext(now));
  const flags = (complaint: ComplaintWithCitizen): string =>
    (complaint.urgent ? " [MENDESAK]" : "") +
    (complaint.privacy === "rahasia" ? " [RAHASIA]" : "") +
    (complaint.privacy === "anonim" ? " [ANONIM]" : "");

  async function forward(
    db: Db,
    actor: Actor,
    rawCode: string,
    rawAgency: string,
    note?: string,
  ): Promise<Outcome<ChangeResult>> {
    const loaded = await loadForStaff(db, actor, rawCode);
    if (!loaded.ok) return loaded;
    const { complaint } = loaded;
    const refused = checkMove("forward", complaint);
    if (refused) return refused;
    const target = normalizeAgencyCode(rawAgency) ?? rawAgency.trim().toUpperCase();
    if (target === COORDINATOR_CODE) return fail(LIFECYCLE_COPY.forwardToCoordinator(complaint.trackingCode));
    if (deps.agencyName(target) === undefined) {
      return fail(LIFECYCLE_COPY.unknownAgency(target, (deps.agencyCodes?.() ?? []).join(", ") || "-"));
    }
    if (target === complaint.assignedAgency) return fail(LIFECYCLE_COPY.sameAgency(complaint.trackingCode, target));
    const now = deps.clock();
    const due = responseDue(now, deps.sla);
    const changes = { assignedAgency: target, routedAt: now, responseDueAt: due, firstResponseAt: null };
    const next = nextAfter(complaint, { ...changes, status: STATUS.DITERUSKAN }, now);
    const excluded = isCitizenActor(actor) ? [] : [actor.identity];
    const staffOutbox = await toAgencyStaff(
      db,
      target,
      STAFF_NOTICE.assigned(
        complaint.trackingCode,
        nameOf(target),
        summarize(complaint.description, 160),
        flags(complaint),
        formatDay(due, offset),
      ),
      { complaintId: complaint.id, exclude: excluded },
    );
    if (complaint.assignedAgency) {
      staffOutbox.push(
        ...(await toAgencyStaff(db, complaint.assignedAgency, STAFF_NOTICE.handedOver(complaint.trackingCode, target), {
          complaintId: complaint.id,
          exclude: excluded,
        })),
      );
    }
    const forwarded = await applyChange(db, {
      complaint,
      operation: "forward",
      actor,
      eventType: EVENT.FORWARDED,
      note: note?.trim() || null,
      visibleToCitizen: true,
      eventAgency: target,
      // A new agency starts its own first-response clock; per-agency figures stay honest.
      data: changes,
      citizenOutbox: toCitizen(complaint, [CITIZEN_NOTICE.forwarded(complaint.trackingCode, nameOf(target), next)]),
      staffOutbox,
      now,
    });
    if (forwarded.ok) await recordForward(db, complaint, target, actor, now);
    return forwarded;
  }

  async function process(db: Db, actor: Actor, rawCode: string, note?: string): Promise<Outcome<ChangeResult>> {
    const loaded = await loadForStaff(db, actor, rawCode);
    if (!loaded.ok) return loaded;
    const { complaint } = loaded;
    const refused = checkMove("process", complaint);
    if (refused) return refused;
    const text = note?.trim() ? requireText(note, "Catatan", { min: 1, max: MESSAGE.max }) : null;
    if (text && !text.ok) return text;
    const now = deps.clock();
    const next = nextAfter(complaint, { status: STATUS.DIPROSES }, now);
    return applyChange(db, {
      complaint,
      operation: "process",
      actor,
      eventType: EVENT.PROCESSING,
      note: text?.text ?? null,
      visibleToCitizen: true,
      eventAgency: complaint.assignedAgency,
      data: { firstResponseAt: complaint.firstResponseAt ?? now },
      citizenOutbox: toCitizen(complaint, [
        CITIZEN_NOTICE.processing(complaint.trackingCode, nameOf(complaint.assignedAgency), text?.text ?? null, next),
      ]),
      now,
    });
  }

  async function reply(db: Db, actor: Actor, rawCode: string, message: string): Promise<Outcome<ChangeResult>> {
    const loaded = await loadForStaff(db, actor, rawCode);
    if (!loaded.ok) return loaded;
    const { complaint } = loaded;
    const refused = checkMove("reply", complaint);
    if (refused) return refused;
    const text = requireText(message, "Pesan", MESSAGE);
    if (!text.ok) return text;
    const now = deps.clock();
    return applyChange(db, {
      complaint,
      operation: "reply",
      actor,
      eventType: EVENT.REPLY,
      note: text.text,
      visibleToCitizen: true,
      eventAgency: complaint.assignedAgency,
      data: { firstResponseAt: complaint.firstResponseAt ?? now },
      citizenOutbox: toCitizen(complaint, [
        CITIZEN_NOTICE.reply(complaint.trackingCode, nameOf(complaint.assignedAgency), text.text),
      ]),
      now,
    });
  }

  async function note(db: Db, actor: Actor, rawCode: string, body: string): Promise<Outcome<ChangeResult>> {
    const loaded = await loadForStaff(db, actor, rawCode);
    if (!loaded.ok) return loaded;
    const text = requireText(body, "Catatan", MESSAGE);
    if (!text.ok) return text;
    return applyChange(db, {
      complaint: loaded.complaint,
      operation: "note",
      actor,
      eventType: EVENT.NOTE,
      note: text.text,
      visibleToCitizen: false,
      eventAgency: loaded.complaint.assignedAgency,
      now: deps.clock(),
    });
  }

  async function finish(db: Db, actor: Actor, rawCode: string, answer: string): Promise<Outcome<ChangeResult>> {
    const loaded = await loadForStaff(db, actor, rawCode);
    if (!loaded.ok) return loaded;
    const { complaint } = loaded;
    const refused = checkMove("finish", complaint);
    if (refused) return refused;
    const text = requireText(answer, "Jawaban", { min: REASON.min, max: MESSAGE.max });
    if (!text.ok) return text;
    const now = deps.clock();
    const until = formatDateTime(reopenDeadline(now, deps.sla), offset);
    const finished = await applyChange(db, {
      complaint,
      operation: "finish",
      actor,
      eventType: EVENT.FINISHED,
      note: text.text,
      visibleToCitizen: true,
      eventAgency: complaint.assignedAgency,
      data: {
        finishedAt: now,
        firstResponseAt: complaint.firstResponseAt ?? now,
        pendingQuestionBy: null,
        citizenSatisfied: null,
      },
      citizenOutbox: toCitizen(
        complaint,
        CITIZEN_NOTICE.finished(complaint.trackingCode, nameOf(complaint.assignedAgency), text.text, until),
      ),
      now,
    });
    if (finished.ok) await recordFinished(db, complaint, actor, now);
    return finished;
  }

  async function reject(db: Db, actor: Actor, rawCode: string, reason: string): Promise<Outcome<ChangeResult>> {
    const loaded = await loadForStaff(db, actor, rawCode);
    if (!loaded.ok) return loaded;
    const { complaint } = loaded;
    const refused = checkMove("reject", complaint);
    if (refused) return refused;
    const text = requireText(reason, "Alasan penolakan", REASON);
    if (!text.ok) return text;
    const now = deps.clock();
    const next = nextAfter(complaint, { status: STATUS.DITOLAK }, now);
    return applyChange(db, {
      complaint,
      operation: "reject",
      actor,
      eventType: EVENT.REJECTED,
      note: text.text,
      visibleToCitizen: true,
      eventAgency: complaint.assignedAgency,
      data: { pendingQuestionBy: null },
      citizenOutbox: toCitizen(complaint, [CITIZEN_NOTICE.rejected(complaint.trackingCode, text.text, next)]),
      now,
    });
  }

  async function notAuthority(db: Db, actor: Actor, rawCode: string, reason: string): Promise<Outcome<ChangeResult>> {
    const loaded = await loadForStaff(db, actor, rawCode);
    if (!loaded.ok) return loaded;
    const { complaint } = loaded;
    if (isCoordinator(actor)) return fail(LIFECYCLE_COPY.coordinatorNotAuthority(complaint.trackingCode));
    const refused = checkMove("notAuthority", complaint);
    if (refused) return refused;
    const text = requireText(reason, "Alasan", REASON);
    if (!text.ok) return text;
    const now = deps.clock();
    // The coordinator gets a fresh routing limit; the outer finish limit from filing still holds.
    const changes = {
      assignedAgency: null,
      routedAt: null,
      responseDueAt: null,
      firstResponseAt: null,
      routeDueAt: routeDue(now, deps.sla),
    };
    const next = nextAfter(complaint, { ...changes, status: STATUS.BARU }, now);
    const declining = complaint.assignedAgency ?? (isCitizenActor(actor) ? null : actor.agencyCode);
    const declined = await applyChange(db, {
      complaint,
      operation: "notAuthority",
      actor,
      eventType: EVENT.NOT_AUTHORITY,
      note: text.text,
      visibleToCitizen: true,
      eventAgency: declining,
      data: { ...changes, pendingQuestionBy: null, increment: "notAuthorityCount" },
      citizenOutbox: toCitizen(complaint, [CITIZEN_NOTICE.notAuthority(complaint.trackingCode, next)]),
      staffOutbox: await toCoordinators(
        db,
        STAFF_NOTICE.returnedToCoordinator(
          complaint.trackingCode,
          declining ?? "?",
          text.text,
          formatDay(changes.routeDueAt, offset),
        ),
        { complaintId: complaint.id },
      ),
      now,
    });
    if (declined.ok) await retractDeclined(db, complaint, declining);
    return declined;
  }

  async function ask(db: Db, actor: Actor, rawCode: string, question: string): Promise<Outcome<ChangeResult>> {
    const loaded = await loadForStaff(db, actor, rawCode);
    if (!loaded.ok) return loaded;
    const { complaint } = loaded;
    const refused = checkMove("ask", complaint);
    if (refused) return refused;
    const text = requireText(question, "Pertanyaan", REASON);
    if (!text.ok) return text;
    const asker = complaint.assignedAgency ? nameOf(complaint.assignedAgency) : "Admin koordinator pengaduan";
    return applyChange(db, {
      complaint,
      operation: "ask",
      actor,
      eventType: EVENT.QUESTION,
      note: text.text,
      visibleToCitizen: true,
      eventAgency: complaint.assignedAgency,
      data: { pendingQuestionBy: isCitizenActor(actor) ? null : actor.identity },
      citizenOutbox: toCitizen(complaint, [CITIZEN_NOTICE.question(complaint.trackingCode, asker, text.text)]),
      now: deps.clock(),
    });
  }

  return { forward, process, reply, note, finish, reject, notAuthority, ask };
}
