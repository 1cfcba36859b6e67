// Dates as Indonesians read them, in the deployment's time zone (WIB/WITA/WIT have no daylight saving).

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"];
const DAYS = ["Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"];

function zoneName(utcOffsetMinutes: number): string {
  if (utcOffsetMinutes === 420) return "WIB";
  if (utcOffsetMinutes === 480) return "WITA";
  if (utcOffsetMinutes === 540) return "WIT";
  const hours = utcOffsetMinutes / 60;
  return `UTC${hours >= 0 ? "+" : ""}${hours}`;
}

function local(date: Date, utcOffsetMinutes: number): Date {
  return new Date(date.getTime() + utcOffsetMinutes * 60_000);
}

const pad = (value: number): string => String(value).padStart(2, "0");

/** "Senin, 23 Nov 2026" */
export function formatDay(date: Date, utcOffsetMinutes: number): string {
  const d = local(date, utcOffsetMinutes);
  return `${DAYS[d.getUTCDay()]}, ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** "23 Nov 2026 09.12 WIB" */
export function formatDateTime(date: Date, utcOffsetMinutes: number): string {
  const d = local(date, utcOffsetMinutes);
  return (
    `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ` +
    `${pad(d.getUTCHours())}.${pad(d.getUTCMinutes())} ${zoneName(utcOffsetMinutes)}`
  );
}

/** "23/11 09.12": compact, for history lines and queues. */
export function formatShort(date: Date, utcOffsetMinutes: number): string {
  const d = local(date, utcOffsetMinutes);
  return `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)} ${pad(d.getUTCHours())}.${pad(d.getUTCMinutes())}`;
}

/** First line of a text, shortened for lists and notifications. */
export function summarize(text: string, maxLength: number): string {
  const oneLine = text.replace(/\s+/g, " ").trim();
  return oneLine.length <= maxLength ? oneLine : `${oneLine.slice(0, maxLength - 1).trimEnd()}…`;
}
