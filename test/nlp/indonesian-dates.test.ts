import { describe, expect, it } from "vitest";
import { findIndonesianDate, localDate, parseIndonesianDate } from "../../nlp/indonesian-dates.js";

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

describe("everyday answers to 'Kapan kejadiannya?'", () => {
  const monday = "2026-11-30";
  it.each([
    ["sudah seminggu", "2026-11-23"],
    ["kemarin sore", "2026-11-29"],
    ["td pagi", "2026-11-30"],
    ["2 hr lalu", "2026-11-28"],
    ["senin", "2026-11-30"],
    ["jumat lalu", "2026-11-27"],
    ["Jum'at kemarin", "2026-11-27"],
    ["27 nopember", "2026-11-27"],
    ["kemarin malam", "2026-11-29"],
    ["tadi malam", "2026-11-29"],
    ["minggu lalu", "2026-11-23"],
    ["awal bulan ini", "2026-11-01"],
    ["akhir bulan lalu", "2026-10-31"],
    ["5 agst", "2026-08-05"],
    ["12 pebruari", "2026-02-12"],
    ["wingi", "2026-11-29"],
    ["kamari", "2026-11-29"],
    ["sampun 3 dinten", "2026-11-27"],
    ["kira2 seminggu yang lalu pak", "2026-11-23"],
    ["sejak tgl 20", "2026-11-20"],
    ["tanggal 30", "2026-11-30"],
    ["3hari", "2026-11-27"],
    ["hari sabtu kemarin", "2026-11-28"],
    ["sebulan yg lalu", "2026-10-31"],
  ])("%s", (text, expected) => {
    expect(parseIndonesianDate(text, monday)).toEqual({ ok: true, date: expected });
  });

  it("says when a date is still to come", () => {
    expect(parseIndonesianDate("besok", monday)).toEqual({ ok: false, reason: "future" });
    expect(parseIndonesianDate("lusa", monday)).toEqual({ ok: false, reason: "future" });
  });
});

describe("findIndonesianDate in a story", () => {
  const monday = "2026-11-30";
  it.each([
    ["Lampu jalan di Jl. Kenanga RT 03 RW 02 mati sejak 3 hari lalu, gelap sekali", "2026-11-27"],
    ["sampah numpuk udah seminggu ga diangkut", "2026-11-23"],
    ["RT 03/02 banjir kemarin sore sampai selutut", "2026-11-29"],
    ["kejadiannya tgl 12/11 pas hujan deras", "2026-11-12"],
    ["air mati dari hari jumat", "2026-11-27"],
    ["mau lapor pak, air pdam mati 3 hari di perum griya asri", "2026-11-27"],
    ["sampah di pasar gak diangkut 2 minggu, bau bgt", "2026-11-16"],
    ["jalan di kp. cibogo loba lubang, teu dibenerkeun 2 bulan", "2026-10-01"],
    ["lampu PJU padam seminggu, gelap kalau malam", "2026-11-23"],
    // A month without a day: its start (or middle, or end), the latest one not to come.
    ["bantuan PKH ibu saya tidak cair sejak Juli padahal masih terdaftar", "2026-07-01"],
    ["dari bulan agustus air keruh terus", "2026-08-01"],
    ["jalan rusak dari akhir september", "2026-09-30"],
    ["sertifikat belum jadi sejak desember", "2025-12-01"],
    // Sundanese and Javanese units and "ago".
    ["Lampu jalan di Gang Kembang RT 04 tos pareum saminggu, poek pisan", "2026-11-23"],
    ["dalan teng dusun Krajan ajur, pun setahun mboten didandani", "2025-11-30"],
    ["banjir 2 minggu katukang", "2026-11-16"],
    ["got mampet klo ujan banjir smpe masuk rumah, udh 2 mingguan", "2026-11-16"],
    ["toyanipun mampet tigang dinten kapengker", "2026-11-27"],
  ])("%s", (text, expected) => expect(findIndonesianDate(text, monday)?.date).toBe(expected));

  it.each([
    "tolong diperbaiki dalam 2 hari",
    "setiap senin macet parah",
    "jalan rusak parah",
    "tadi saya lewat jalan itu",
    "rumah no 12/11 kebanjiran",
    "disuruh bayar 3 bulan sekaligus",
    "katanya ktp jadi 2 minggu",
    "katanya ktp jadi dua minggu",
    "mohon dibenerkeun sebelum 2 bulan",
    "katanya dijanjikan selesai juli",
    "kantor des sukamaju tutup",
  ])("finds no date in %s", (text) => expect(findIndonesianDate(text, monday)).toBeNull());
});
