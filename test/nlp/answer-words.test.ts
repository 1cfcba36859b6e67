// Everyday answers as citizens type them: chat Indonesian, Javanese and Sundanese.
import { describe, expect, it } from "vitest";
import { isCancel, readAnswerWord, readFixedAnswer, readRating, isThanks } from "../../nlp/answer-words.js";

describe("readAnswerWord", () => {
  it.each([
    ["iya pak", "yes"],
    ["Iyaaa", "yes"],
    // Several answers of one kind: "gatau lupa", "ga ga".
    ["gatau lupa", "unknown"],
    ["gak tau pak lupa", "unknown"],
    ["ga ga", "no"],
    ["nggih", "yes"],
    ["enggih pak", "yes"],
    ["leres", "yes"],
    ["muhun", "yes"],
    ["ok min", "yes"],
    ["betul sekali", "yes"],
    ["gk", "no"],
    ["mboten", "no"],
    ["ora", "no"],
    ["bukan itu", "no"],
    ["gk ada", "none"],
    ["ga ada", "none"],
    ["Tidak ada.", "none"],
    ["ora ono", "none"],
    ["teu aya", "none"],
    ["mboten wonten", "none"],
    ["lewati aja", "none"],
    ["gak tau pak", "unknown"],
    ["teu terang", "unknown"],
    ["lupa", "unknown"],
    ["Batal.", "cancel"],
    ["batal aja", "cancel"],
    ["gak jadi lapor", "cancel"],
    ["ora sido", "cancel"],
  ])("%s -> %s", (text, expected) => {
    expect(readAnswerWord(text)).toBe(expected);
  });

  it("leaves sentences alone", () => {
    for (const text of ["jalan rusak parah", "ini pengaduan ya pak, tolong cepat", "ya ampun lampunya mati lagi", "ya ga"]) {
      expect(readAnswerWord(text)).toBeNull();
    }
  });
});

describe("isCancel", () => {
  it.each([
    "batal",
    "Batal.",
    "batal aja",
    "gak jadi lapor",
    "/batal",
    "ga jadi deh",
    "tidak jadi melapor",
    "batalkan laporannya",
    "cancel",
  ])("%s cancels", (text) => expect(isCancel(text)).toBe(true));
  it.each(["batal bayar tapi uang tidak kembali", "jadi begini pak", "tidak ada", "jalan rusak"])("%s does not", (text) =>
    expect(isCancel(text)).toBe(false),
  );
});

describe("answers to the SELESAI message", () => {
  it.each([
    ["4", 4],
    ["nilai 5", 5],
    ["4/5", 4],
    ["empat", 4],
    ["bintang 3 pak", 3],
    ["6", null],
    ["belum beres", null],
  ])("rating %s -> %s", (text, expected) => expect(readRating(text)).toBe(expected));

  it.each([
    ["Sudah beres", true],
    ["udah beres pak, makasih", true],
    ["sampun", true],
    ["Belum beres", false],
    ["blm beres", false],
    ["durung", false],
    ["masih rusak", false],
    ["belum beres, lubangnya masih ada", false],
    // Still broken after SELESAI: the closing words say so.
    ["sudah 3 hari masih mati", false],
    ["halo", null],
    // Thanks and praise around the answer, before or after it.
    ["alhamdulillah makasih pak, udah beres", true],
    ["Mantap pak, sudah diperbaiki. Terima kasih banyak", true],
    ["makasih pak tapi belum beres", false],
    ["terima kasih", null],
    ["sudah saya cek tadi", null],
  ])("fixed %s -> %s", (text, expected) => expect(readFixedAnswer(text)).toBe(expected));
});

describe("isThanks", () => {
  it.each([
    "makasih min",
    "terima kasih banyak pak 🙏",
    "Matur nuwun",
    "hatur nuhun",
    "thx ya",
    "oke makasih atas infonya",
    "tks",
  ])("%s", (text) => expect(isThanks(text)).toBe(true));
  it.each(["terima kasih, tapi jalannya masih rusak", "makasih, lampu di gang mawar mati lagi", "ok", "kasih tau dong"])(
    "%s is more than thanks",
    (text) => expect(isThanks(text)).toBe(false),
  );
});
