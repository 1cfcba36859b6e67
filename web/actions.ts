// One dashboard form submission -> one lifecycle call, the same as the matching chat command. The
// service checks permission and status; this only maps the form and words the answer.
import type { ChangeResult, LifecycleService, Outcome, StaffActor } from "../complaints/lifecycle-service.js";
import type { Db } from "../db/database.js";
import type { Transactions } from "../db/transactions.js";
import { STATUS_LABEL } from "../complaints/complaint-status.js";
import { isActionName, type ActionName } from "./page-complaint.js";

export interface ActionDeps {
  transactions: Transactions;
  lifecycle: LifecycleService;
  agencyName(code: string): string | undefined;
}

export interface ActionForm {
  action: string;
  agency: string;
  text: string;
}

function confirmation(result: ChangeResult, agencyName: ActionDeps["agencyName"]): string {
  const notified = result.citizenMessages > 0 ? " Pelapor sudah diberi tahu lewat chat." : "";
  if (result.from !== result.to) {
    const where =
      result.to === "DITERUSKAN" && result.agencyCode ? ` (${agencyName(result.agencyCode) ?? result.agencyCode})` : "";
    return `Tersimpan: ${STATUS_LABEL[result.from]} -> ${STATUS_LABEL[result.to]}${where}.${notified}`;
  }
  return `Tersimpan.${notified}`;
}

type Run = (
  lifecycle: LifecycleService,
  tx: Db,
  actor: StaffActor,
  code: string,
  form: ActionForm,
) => Promise<Outcome<ChangeResult>>;

const RUN: Record<ActionName, Run> = {
  teruskan: (l, tx, actor, code, form) => l.forward(tx, actor, code, form.agency, form.text),
  proses: (l, tx, actor, code, form) => l.process(tx, actor, code, form.text),
  balas: (l, tx, actor, code, form) => l.reply(tx, actor, code, form.text),
  tanya: (l, tx, actor, code, form) => l.ask(tx, actor, code, form.text),
  catatan: (l, tx, actor, code, form) => l.note(tx, actor, code, form.text),
  selesai: (l, tx, actor, code, form) => l.finish(tx, actor, code, form.text),
  tolak: (l, tx, actor, code, form) => l.reject(tx, actor, code, form.text),
  bukanwewenang: (l, tx, actor, code, form) => l.notAuthority(tx, actor, code, form.text),
};

export async function runAction(
  deps: ActionDeps,
  actor: StaffActor,
  code: string,
  form: ActionForm,
): Promise<{ ok: boolean; message: string }> {
  if (!isActionName(form.action)) return { ok: false, message: "Tindakan tidak dikenal." };
  const run = RUN[form.action];
  // One transaction per change, like a chat command: the change, its event and its outbox rows commit together.
  const outcome = await deps.transactions.run(({ db }) => run(deps.lifecycle, db, actor, code, form));
  return outcome.ok ? { ok: true, message: confirmation(outcome, deps.agencyName) } : { ok: false, message: outcome.message };
}
