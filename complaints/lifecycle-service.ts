// The one place lifecycle rules live. Staff commands, citizen commands and CLIs call this service;
// it checks permissions, applies the status rules, writes events and outbox rows, and answers with
// result values (an Indonesian message on refusal) instead of throwing for anything a user caused.
import type { OutboundFile } from "./push-message.js";
import type { Db } from "../db/database.js";
import type { StaffRecord } from "../db/models.js";
import type { CitizenComplaintView, StaffComplaintView } from "./complaint-views.js";
import { createCitizenActions, type PhotoInput, type ReopenResult } from "./lifecycle-citizen-actions.js";
import type { ChangeResult, LifecycleDeps, Outcome } from "./lifecycle-core.js";
import { createQueries, type AwaitingFeedback, type QueueResult } from "./lifecycle-queries.js";
import { createReminders } from "./lifecycle-reminders.js";
import { createStaffActions } from "./lifecycle-staff-actions.js";
import { createStaffAdmin } from "./lifecycle-staff-admin.js";
import { createStatistics, type StatisticsReport } from "./lifecycle-statistics.js";
import type { Actor } from "./permissions.js";

export type { AwaitingFeedback, ChangeResult, LifecycleDeps, Outcome, PhotoInput, QueueResult, ReopenResult, StatisticsReport };
export type { Actor, CitizenActor, StaffActor } from "./permissions.js";
export { citizenActor } from "./permissions.js";

type Change = Promise<Outcome<ChangeResult>>;

export interface LifecycleService {
  // Staff follow-up (coordinators on everything, agency staff on their agency's complaints).
  forward(db: Db, actor: Actor, code: string, agencyCode: string, note?: string): Change;
  process(db: Db, actor: Actor, code: string, note?: string): Change;
  reply(db: Db, actor: Actor, code: string, message: string): Change;
  note(db: Db, actor: Actor, code: string, text: string): Change;
  finish(db: Db, actor: Actor, code: string, answer: string): Change;
  reject(db: Db, actor: Actor, code: string, reason: string): Change;
  notAuthority(db: Db, actor: Actor, code: string, reason: string): Change;
  ask(db: Db, actor: Actor, code: string, question: string): Change;
  // The reporter (same channel and user id as the filer).
  answer(db: Db, actor: Actor, code: string, text: string): Change;
  reopen(db: Db, actor: Actor, code: string, reason: string): Promise<Outcome<ReopenResult>>;
  rate(db: Db, actor: Actor, code: string, rating: number): Change;
  confirmFixed(
    db: Db,
    actor: Actor,
    code: string,
    fixed: boolean,
  ): Promise<Outcome<ChangeResult & { reopened: boolean; responseDue: string | null }>>;
  addPhoto(db: Db, actor: Actor, code: string, photo: PhotoInput): Change;
  // Reads.
  staffView(db: Db, actor: Actor, code: string): Promise<Outcome<{ view: StaffComplaintView; photos: OutboundFile[] }>>;
  queue(db: Db, actor: Actor): Promise<Outcome<QueueResult>>;
  statistics(db: Db, actor: Actor, options: { days: number | null }): Promise<Outcome<{ report: StatisticsReport }>>;
  citizenStatus(db: Db, actor: Actor, code: string): Promise<Outcome<{ view: CitizenComplaintView }>>;
  citizenComplaints(db: Db, actor: Actor): Promise<Outcome<{ items: CitizenComplaintView[]; total: number }>>;
  awaitingAnswer(db: Db, actor: Actor): Promise<string | null>;
  awaitingFeedback(db: Db, actor: Actor): Promise<AwaitingFeedback | null>;
  // Staff registrations (coordinators only).
  addStaff(
    db: Db,
    actor: Actor,
    identity: string,
    agencyCode: string,
    name?: string | null,
  ): Promise<Outcome<{ staff: StaffRecord; created: boolean }>>;
  removeStaff(db: Db, actor: Actor, identity: string): Promise<Outcome<{ identity: string }>>;
  listStaff(db: Db, actor: Actor): Promise<Outcome<{ staff: StaffRecord[] }>>;
  // Scheduled by the composition root once a day.
  enqueueOverdueReminders(db: Db): Promise<number>;
}

export function createLifecycleService(deps: LifecycleDeps): LifecycleService {
  return {
    ...createStaffActions(deps),
    ...createCitizenActions(deps),
    ...createQueries(deps),
    ...createStatistics(deps),
    ...createStaffAdmin(deps),
    ...createReminders(deps),
  };
}
