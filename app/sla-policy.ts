// The SLA policy from configuration; shared by the bot and the CLIs.
import { DEFAULT_SLA, type SlaPolicy } from "../complaints/sla.js";
import { resolveHolidays } from "../complaints/holidays.js";
import type { AppConfig } from "./config.js";

export function slaPolicy(config: AppConfig): SlaPolicy {
  return {
    ...DEFAULT_SLA,
    routeWorkingDays: config.SLA_ROUTE_DAYS,
    responseWorkingDays: config.SLA_RESPONSE_DAYS,
    finishWorkingDays: config.SLA_FINISH_DAYS,
    reopenDays: config.REOPEN_DAYS,
    calendar: { utcOffsetMinutes: config.UTC_OFFSET_HOURS * 60, holidays: resolveHolidays(config.HOLIDAYS) },
  };
}
