// /laporan: the monev chart as a photo and the CSV files as documents, with a text summary as the
// message text (a channel that cannot send files still shows the summary). Coordinators get every
// agency or the one they name; an agency officer gets their own agency's report, and a clear
// "koordinator only" for anything wider. Citizens get null: their normal help, learning nothing.
import type { OutboundMessage } from "../complaints/push-message.js";
import { buildMonevReport } from "../complaints/monev-files.js";
import { lastDays } from "../complaints/monev-period.js";
import type { SlaPolicy } from "../complaints/sla.js";
import { normalizeAgencyCode } from "../complaints/staff-directory.js";
import { COORDINATOR_CODE } from "../nlp/classification.js";
import type { CommandContext, CommandHandler } from "./command-handler.js";
import { REPORT_COPY, reportSummary } from "./report-copy.js";

export interface ReportCommandDeps {
  sla: SlaPolicy;
  agencyName(code: string): string | undefined;
}

const DEFAULT_DAYS = 30;
const MAX_DAYS = 366;

type ParsedArgs = { ok: true; days: number; agency?: string } | { ok: false; message: string };

/** "/laporan", "/laporan 7", "/laporan DPUPR", "/laporan 7 dpupr" (either order). */
export function parseReportArgs(args: string, agencyName: ReportCommandDeps["agencyName"]): ParsedArgs {
  let days = DEFAULT_DAYS;
  let agency: string | undefined;
  for (const word of args.split(/\s+/).filter(Boolean)) {
    if (/^\d+$/.test(word)) {
      const value = Number(word);
      if (value < 1 || value > MAX_DAYS) return { ok: false, message: REPORT_COPY.badDays() };
      days = value;
      continue;
    }
    const code = normalizeAgencyCode(word);
    if (!code || agency !== undefined) return { ok: false, message: REPORT_COPY.badArgs(word) };
    if (code !== COORDINATOR_CODE && agencyName(code) === undefined) {
      return { ok: false, message: REPORT_COPY.unknownAgency(code) };
    }
    agency = code;
  }
  return agency === undefined ? { ok: true, days } : { ok: true, days, agency };
}

export function createReportCommand(deps: ReportCommandDeps): CommandHandler {
  return {
    async handle(context: CommandContext): Promise<OutboundMessage[] | null> {
      if (!context.staff) return null;
      const command = context.input;
      if (command.kind !== "command" || command.name !== "laporan") return null;
      const parsed = parseReportArgs(command.args, deps.agencyName);
      if (!parsed.ok) return [{ text: parsed.message }];
      const own = context.staff.agencyCode;
      if (own !== COORDINATOR_CODE) {
        if (parsed.agency !== undefined && parsed.agency !== own) return [{ text: REPORT_COPY.coordinatorOnly(own) }];
        parsed.agency = own;
      }
      const report = await buildMonevReport(context.db, {
        ...lastDays(context.now, parsed.days),
        ...(parsed.agency ? { agency: parsed.agency } : {}),
        now: context.now,
        sla: deps.sla,
        agencyName: deps.agencyName,
      });
      const text = reportSummary(report.figures, {
        days: parsed.days,
        utcOffsetMinutes: deps.sla.calendar.utcOffsetMinutes,
        agencyName: deps.agencyName,
      });
      return [{ text, photo: report.chart, documents: [report.complaintsCsv, report.agencyCsv] }];
    },
  };
}
