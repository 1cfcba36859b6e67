// Overdue backlog now, per agency, whenever the complaints were filed: which agencies the weekly
// digest calls out. Uses the same deadline rule as /antrian (complaints/sla.ts overdueKind).
import type { Db } from "../db/database.js";
import { openComplaintDeadlines } from "../db/monev-queries.js";
import { COORDINATOR_CODE } from "../nlp/classification.js";
import { overdueKind, responseDue, type SlaPolicy } from "./sla.js";
import { workingDaysBetween } from "./working-days.js";

export interface OverdueAgency {
  agency: string;
  /** Open complaints past their deadline now. */
  overdue: number;
  /** Working days the longest-late complaint is past its deadline. */
  maxWorkingDaysLate: number;
}

/** Agencies with overdue complaints, worst first (most overdue, then longest late, then code). */
export async function overdueByAgency(db: Db, options: { now: Date; sla: SlaPolicy }): Promise<OverdueAgency[]> {
  const open = await openComplaintDeadlines(db);
  const byAgency = new Map<string, OverdueAgency>();
  for (const complaint of open) {
    const responseDueAt = complaint.responseDueAt ?? (complaint.routedAt ? responseDue(complaint.routedAt, options.sla) : null);
    const fields = { ...complaint, responseDueAt };
    const kind = overdueKind(fields, options.now);
    if (kind === null) continue;
    const due = kind === "route" ? fields.routeDueAt : kind === "response" ? responseDueAt : fields.finishDueAt;
    const late = due ? workingDaysBetween(due, options.now, options.sla.calendar) : 0;
    const agency = complaint.assignedAgency ?? COORDINATOR_CODE;
    const entry = byAgency.get(agency) ?? { agency, overdue: 0, maxWorkingDaysLate: 0 };
    entry.overdue += 1;
    entry.maxWorkingDaysLate = Math.max(entry.maxWorkingDaysLate, late);
    byAgency.set(agency, entry);
  }
  return [...byAgency.values()].sort(
    (a, b) => b.overdue - a.overdue || b.maxWorkingDaysLate - a.maxWorkingDaysLate || a.agency.localeCompare(b.agency),
  );
}
