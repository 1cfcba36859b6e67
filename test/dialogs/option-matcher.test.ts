// Typed answers to the options shown: numbers, words, everyday words and close variants.
import { describe, expect, it } from "vitest";
import { EMPTY_CONTEXT } from "../../dialogs/complaint-context.js";
import { questionOptions, type QuestionId } from "../../dialogs/complaint-questions.js";
import { matchOption, optionMentioned } from "../../dialogs/option-matcher.js";
import { CONFIDENT_ROAD } from "../support/classifications.js";

const context = {
  ...EMPTY_CONTEXT,
  draft: { photoIds: ["p1"], reportType: "pengaduan" as const, suggestion: CONFIDENT_ROAD, locationText: "Jl. A" },
};
const options = (question: QuestionId) => questionOptions(question, context, (code) => code);

describe("matchOption", () => {
  it.each<[QuestionId, string, string | null]>([
    ["summary", "1", "kirim"],
    ["summary", "kirim.", "kirim"],
    ["summary", "Kirmi", "kirim"],
    ["summary", "iya pak", "kirim"],
    ["summary", "nggih", "kirim"],
    ["summary", "lanjut", "kirim"],
    ["summary", "lanjutkan pak", "kirim"],
    ["summary", "ubah dong", "ubah"],
    ["privacy", "anonin", "anonim"],
    ["privacy", "tiga", "anonim"],
    ["privacy", "no 2", "rahasia"],
    ["privacy", "rahsia", "rahasia"],
    ["privacy", "yg rahasia min", "rahasia"],
    ["privacy", "yg anonim aja", "anonim"],
    ["privacy", "saya pilih yang biasa", "biasa"],
    ["privacy", "rahasiakan identitas saya", "anonim"],
    ["type", "saran", "aspirasi"],
    ["type", "info", "permintaan_informasi"],
    ["agency", "leres", "benar"],
    ["agency", "mboten", "lain"],
    ["agency", "gak tau", "tidak_tahu"],
    ["agencyPick", "teu terang", "tidak_tahu"],
    ["date", "ga ada", "lewati"],
    ["date", "lupa", "lewati"],
    ["photo", "udah", "lanjut"],
    ["photo", "hapus semua", "hapus"],
    ["cancelConfirm", "iya", "ya"],
    ["cancelConfirm", "batal aja", "ya"],
    ["cancelConfirm", "gak", "tidak"],
    ["editPick", "lokasi", "location"],
    ["editPick", "tgl", "date"],
    ["summary", "7", null],
    ["summary", "jalan rusak parah", null],
  ])("%s: %s -> %s", (question, typed, expected) => {
    expect(matchOption(typed, options(question))).toBe(expected);
  });

  it("finds the one type a sentence names, never more", () => {
    expect(optionMentioned("ini pengaduan ya pak, tolong cepat", options("type"))).toBe("pengaduan");
    expect(optionMentioned("bukan pengaduan, ini aspirasi", options("type"))).toBeNull();
  });
});
