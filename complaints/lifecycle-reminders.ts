// The daily reminder: each agency's staff get their overdue complaints, coordinators the whole list.
// The composition root schedules it (once a day); it only writes outbox rows.
import { openComplaints } from "../db/complaint-repository.js";
import type { Db } from "../db/database.js";
import { overdueLabel } from "./complaint-views.js";
import type { LifecycleDeps } from "./lifecycle-core.js";
import { summarize } from "./lifecycle-format.js";
import { STAFF_NOTICE } from "./notification-copy.js";
import { toAgencyStaff, toCoordinators } from "./notifications.js";
import { enqueueMessages, type OutboxItem } from "./outbox.js";

const LINES_PER_MESSAGE = 15;

export function createReminders(deps: LifecycleDeps) {
  /** Returns the number of outbox rows written. */
  async function enqueueOverdueReminders(db: Db): Promise<number> {
    const now = deps.clock();
    const open = await openComplaints(db);
    const late = open
      .map((complaint) => ({ complaint, label: overdueLabel(complaint, now) }))
      .filter((entry): entry is { complaint: (typeof open)[number]; label: string } => entry.label !== null);
    if (late.length === 0) return 0;
    const line = (entry: (typeof late)[number]): string =>
      `${entry.complaint.trackingCode} - ${entry.label} - ${entry.complaint.assignedAgency ?? "belum diteruskan"} - ` +
      summarize(entry.complaint.description, 50);
    const message = (scope: string, entries: typeof late) =>
      STAFF_NOTICE.overdueReminder(
        scope,
        entries.slice(0, LINES_PER_MESSAGE).map(line),
        Math.max(0, entries.length - LINES_PER_MESSAGE),
      );

    const items: OutboxItem[] = await toCoordinators(db, message("koordinator", late));
    const byAgency = new Map<string, typeof late>();
    for (const entry of late) {
      const agency = entry.complaint.assignedAgency;
      if (agency) byAgency.set(agency, [...(byAgency.get(agency) ?? []), entry]);
    }
    for (const [agency, entries] of byAgency) {
      items.push(...(await toAgencyStaff(db, agency, message(deps.agencyName(agency) ?? agency, entries))));
    }
    await enqueueMessages(db, items, now);
    return items.length;
  }

  return { enqueueOverdueReminders };
}
