// /staf tambah|hapus|daftar: coordinators manage registrations in chat, with the same rules as the CLI.
import type { Db } from "../db/database.js";
import type { StaffRecord } from "../db/models.js";
import { COORDINATOR_CODE } from "../nlp/classification.js";
import { fail, type LifecycleDeps, type Outcome } from "./lifecycle-core.js";
import { LIFECYCLE_COPY } from "./lifecycle-copy.js";
import { isCitizenActor, isCoordinator, type Actor } from "./permissions.js";
import { listStaff, normalizeAgencyCode, parseIdentity, removeStaff, upsertStaff } from "./staff-directory.js";

/** KOORDINATOR, or an agency the catalog knows. */
export function validateStaffAgency(
  input: string,
  agencyName: (code: string) => string | undefined,
  agencyCodes: () => string[],
): Outcome<{ agencyCode: string }> {
  const code = normalizeAgencyCode(input);
  if (code === COORDINATOR_CODE) return { ok: true, agencyCode: code };
  if (!code || agencyName(code) === undefined) {
    return fail(LIFECYCLE_COPY.unknownAgency(input.trim(), [COORDINATOR_CODE, ...agencyCodes()].join(", ")));
  }
  return { ok: true, agencyCode: code };
}

export function createStaffAdmin(deps: LifecycleDeps) {
  const codes = (): string[] => deps.agencyCodes?.() ?? [];

  async function addStaff(
    db: Db,
    actor: Actor,
    identityInput: string,
    agencyInput: string,
    name?: string | null,
  ): Promise<Outcome<{ staff: StaffRecord; created: boolean }>> {
    if (!isCoordinator(actor)) return fail(LIFECYCLE_COPY.coordinatorOnly());
    const identity = parseIdentity(identityInput);
    if (!identity) return fail(LIFECYCLE_COPY.invalidIdentity(identityInput));
    const agency = validateStaffAgency(agencyInput, deps.agencyName, codes);
    if (!agency.ok) return agency;
    const result = await upsertStaff(db, {
      identity: identity.identity,
      agencyCode: agency.agencyCode,
      name: name?.trim() || null,
    });
    return { ok: true, ...result };
  }

  async function removeStaffMember(db: Db, actor: Actor, identityInput: string): Promise<Outcome<{ identity: string }>> {
    if (isCitizenActor(actor) || !isCoordinator(actor)) return fail(LIFECYCLE_COPY.coordinatorOnly());
    const identity = parseIdentity(identityInput);
    if (!identity) return fail(LIFECYCLE_COPY.invalidIdentity(identityInput));
    if (identity.identity === actor.identity) return fail(LIFECYCLE_COPY.cannotRemoveSelf());
    if (!(await removeStaff(db, identity.identity))) return fail(LIFECYCLE_COPY.staffNotFound(identity.identity));
    return { ok: true, identity: identity.identity };
  }

  async function listStaffMembers(db: Db, actor: Actor): Promise<Outcome<{ staff: StaffRecord[] }>> {
    if (!isCoordinator(actor)) return fail(LIFECYCLE_COPY.coordinatorOnly());
    return { ok: true, staff: await listStaff(db) };
  }

  return { addStaff, removeStaff: removeStaffMember, listStaff: listStaffMembers };
}
