import { describe, expect, it } from "vitest";
import { localDate, parseIndonesianDate } from "../../nlp/indonesian-dates.js";

const today = "2026-11-23";
const read = (text: string) => parseIndonesianDate(text, today);

describe("parseIndonesianDate", () => {
  it.each([
    ["hari ini", "2026-11-23"],
    ["Kemarin", "2026-11-22"],
    ["kmrn", "2026-11-22"],
    ["2 hari lalu", "2026-11-21"],
    ["dua hari yang lalu", "2026-11-21"],
    ["seminggu lalu", "2026-11-16"],
    ["minggu lalu", "2026-11-16"],
    ["12/11/2026", "2026-11-12"],
    ["12-11-26", "2026-11-12"],
    ["1/11", "2026-11-01"],
    ["12 November", "2026-11-12"],
    ["tgl 12 nov 2026", "2026-11-12"],
    ["20 Desember", "2025-12-20"],
    ["29/02/2024", "2024-02-29"],
  ])("reads %s", (text, expected) => {
    expect(read(text)).toEqual({ ok: true, date: expected });
  });

  it("refuses dates in the future and impossible dates, and says which", () => {
    expect(read("30/11/2026")).toEqual({ ok: false, reason: "future" });
    expect(read("31/02/2026")).toEqual({ ok: false, reason: "invalid" });
    expect(read("29/02/2026")).toEqual({ ok: false, reason: "invalid" });
    expect(read("waktu itu pokoknya")).toEqual({ ok: false, reason: "unknown" });
    expect(read("12 blabla")).toEqual({ ok: false, reason: "unknown" });
  });

  it("takes the citizen's local date, not UTC", () => {
    expect(localDate(new Date("2026-11-22T18:30:00Z"), 7)).toBe("2026-11-23");
    expect(localDate(new Date("2026-11-22T14:30:00Z"), 9)).toBe("2026-11-22");
  });
});
