// Every routing decision by staff is a labelled example for this pemda's classifier, written in the
// same transaction as the decision. The citizen's own choice of agency is never a label, and a rahasia
// complaint's text is never copied (only the handling agency may read it; examples can be exported).
import type { Db } from "../db/database.js";
import { deleteComplaintExamples, insertNewExamples, ROUTING_SOURCE, type RoutingSource } from "../db/routing-examples.js";
import { isCitizenActor, type Actor } from "./permissions.js";

interface RoutedComplaint {
  id: string;
  description: string;
  assignedAgency: string | null;
  notAuthorityCount: number;
  privacy: string;
}

async function record(db: Db, complaint: RoutedComplaint, agency: string, source: RoutingSource, actor: Actor, now: Date) {
  if (isCitizenActor(actor) || complaint.privacy === "rahasia") return;
  // One example per complaint and agency: a forward later confirmed by a finish is still one example.
  await insertNewExamples(db, [
    {
      key: `complaint:${complaint.id}:${agency}`,
      text: complaint.description,
      agencyCode: agency,
      source,
      complaintId: complaint.id,
      actorIdentity: actor.identity,
      createdAt: now,
    },
  ]);
}

/** /teruskan: the coordinator's choice; after a "bukan wewenang" it is a re-route. */
export function recordForward(db: Db, complaint: RoutedComplaint, agency: string, actor: Actor, now: Date) {
  const source = complaint.notAuthorityCount > 0 ? ROUTING_SOURCE.REROUTE : ROUTING_SOURCE.FORWARD;
  return record(db, complaint, agency, source, actor, now);
}

/** SELESAI by the handling agency: it was the right one. */
export async function recordFinished(db: Db, complaint: RoutedComplaint, actor: Actor, now: Date) {
  if (complaint.assignedAgency) await record(db, complaint, complaint.assignedAgency, ROUTING_SOURCE.FINISHED, actor, now);
}

/** "Bukan wewenang": an earlier forward to this agency was wrong and must not teach the classifier. */
export async function retractDeclined(db: Db, complaint: RoutedComplaint, agency: string | null) {
  if (agency) await deleteComplaintExamples(db, complaint.id, agency);
}
