// Who may see and act on which complaint. The lifecycle service asks these functions before every
// read and change, so a command parser (or a future web panel) cannot forget a check.
import { COORDINATOR_CODE } from "../nlp/classification.js";
import type { StaffRecord } from "../db/sql-store.js";

/** A registered staff member acting. */
export type StaffActor = StaffRecord;

/** A citizen writing on one channel: only the reporter of a complaint may act on it. */
export interface CitizenActor {
  kind: "citizen";
  channel: string;
  userId: string;
}

export type Actor = StaffActor | CitizenActor;

/** The fields permission checks read; any complaint row with its citizen fits. */
export interface AccessFields {
  assignedAgency: string | null;
  privacy: string;
  citizen: { channel: string; userId: string };
}

export function citizenActor(channel: string, userId: string): CitizenActor {
  return { kind: "citizen", channel, userId };
}

export function isCitizenActor(actor: Actor): actor is CitizenActor {
  return (actor as Partial<CitizenActor>).kind === "citizen";
}

/** Not a type guard on purpose: "not a coordinator" must not narrow a staff actor away. */
export function isCoordinator(actor: Actor): boolean {
  return !isCitizenActor(actor) && actor.agencyCode === COORDINATOR_CODE;
}

export function isReporter(actor: Actor, complaint: AccessFields): boolean {
  return isCitizenActor(actor) && complaint.citizen.channel === actor.channel && complaint.citizen.userId === actor.userId;
}

/**
 * Staff read access. Coordinators see everything (they verify and route). Agency staff see only
 * what is assigned to their agency: another agency's staff cannot read, and a rahasia complaint is
 * by definition seen only by the handling agency, so it loses its old agency on every re-route.
 */
export function staffCanView(actor: Actor, complaint: AccessFields): boolean {
  if (isCitizenActor(actor)) return false;
  if (actor.agencyCode === COORDINATOR_CODE) return true;
  if (complaint.assignedAgency === null) return false;
  if (complaint.privacy === "rahasia") return complaint.assignedAgency === actor.agencyCode;
  return complaint.assignedAgency === actor.agencyCode;
}

/** Acting follows reading: whoever may see a complaint as staff may follow it up. */
export function staffCanAct(actor: Actor, complaint: AccessFields): boolean {
  return staffCanView(actor, complaint);
}

/** Anonim hides who reported from every staff view and notification, coordinators included. */
export function hidesReporter(complaint: { privacy: string }): boolean {
  return complaint.privacy === "anonim";
}
