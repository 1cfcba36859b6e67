// Which question the dialog is asking in each state, and its options. Pure; shared by the renderer
// (to draw buttons or numbered lists) and the input parser (to read "2", "ya" or a stale button).
import type { OutboundOption } from "../complaints/push-message.js";
import { COORDINATOR_CODE } from "../nlp/classification.js";
import type { ComplaintContext } from "./complaint-context.js";

export type QuestionId =
  "menu" | "type" | "description" | "agency" | "agencyPick" | "location" | "date" | "photo" | "privacy" | "summary" | "editPick";

export const QUESTION_IDS: readonly QuestionId[] = [
  "menu",
  "type",
  "description",
  "agency",
  "agencyPick",
  "location",
  "date",
  "photo",
  "privacy",
  "summary",
  "editPick",
];

export type AgencyNames = (code: string) => string | undefined;

/** Words people type for an option, besides its number and its label. */
const SYNONYMS: Record<string, string[]> = {
  lapor: ["lapor", "buat laporan", "laporan", "aduan", "mengadu"],
  status: ["status", "cek status", "cek"],
  bantuan: ["bantuan", "help", "tolong"],
  pengaduan: ["pengaduan", "aduan", "keluhan", "komplain"],
  aspirasi: ["aspirasi", "saran", "usul", "usulan"],
  permintaan_informasi: ["permintaan informasi", "informasi", "info", "tanya"],
  benar: ["benar", "ya", "iya", "y", "ok", "oke", "betul", "setuju", "yes"],
  lain: ["pilih instansi lain", "lain", "instansi lain", "bukan", "salah", "tidak"],
  tidak_tahu: ["tidak tahu", "gak tau", "ga tau", "gatau", "tdk tahu", "entah", "koordinator"],
  lewati: ["lewati", "skip", "tidak ada", "ga ada", "gak ada"],
  lanjut: ["lanjut", "selesai", "cukup", "sudah"],
  biasa: ["biasa", "publik", "umum"],
  rahasia: ["rahasia"],
  anonim: ["anonim", "anonym", "tanpa nama"],
  kirim: ["kirim", "ya", "iya", "ok", "oke", "benar", "setuju"],
  ubah: ["ubah", "edit", "ganti", "perbaiki"],
  batal: ["batal"],
  description: ["uraian", "deskripsi", "isi"],
  agency_field: ["instansi"],
  location_field: ["lokasi", "alamat"],
  date_field: ["tanggal", "waktu"],
  photo_field: ["foto", "gambar"],
  privacy_field: ["kerahasiaan", "privasi"],
  type_field: ["jenis"],
};

function agencyLabel(code: string, names: AgencyNames): string {
  return code === COORDINATOR_CODE ? "Tidak tahu (diteruskan koordinator)" : (names(code) ?? code);
}

export function questionOptions(question: QuestionId, context: ComplaintContext, names: AgencyNames): OutboundOption[] {
  const draft = context.draft;
  switch (question) {
    case "menu":
      return [
        { value: "lapor", label: "Buat laporan" },
        { value: "status", label: "Cek status" },
        { value: "bantuan", label: "Bantuan" },
      ];
    case "type":
      return [
        { value: "pengaduan", label: "Pengaduan (keluhan layanan)" },
        { value: "aspirasi", label: "Aspirasi (saran/usulan)" },
        { value: "permintaan_informasi", label: "Permintaan informasi" },
      ];
    case "agency":
      return [
        { value: "benar", label: "Benar" },
        { value: "lain", label: "Pilih instansi lain" },
        { value: "tidak_tahu", label: "Tidak tahu" },
      ];
    case "agencyPick": {
      const top = (draft.suggestion?.top ?? []).map((score) => score.agency).filter((code) => code !== COORDINATOR_CODE);
      return [
        ...top.slice(0, 3).map((code) => ({ value: code, label: agencyLabel(code, names) })),
        { value: "tidak_tahu", label: agencyLabel(COORDINATOR_CODE, names) },
      ];
    }
    case "location":
      return draft.reportType === "pengaduan" ? [] : [{ value: "lewati", label: "Lewati" }];
    case "date":
      return [{ value: "lewati", label: "Lewati (tidak tahu)" }];
    case "photo":
      return draft.photoIds.length > 0
        ? [{ value: "lanjut", label: "Lanjut" }]
        : [{ value: "lewati", label: "Lewati (tanpa foto)" }];
    case "privacy":
      return [
        { value: "biasa", label: "Biasa" },
        { value: "rahasia", label: "Rahasia" },
        { value: "anonim", label: "Anonim" },
      ];
    case "summary":
      return [
        { value: "kirim", label: "Kirim" },
        { value: "ubah", label: "Ubah" },
        { value: "batal", label: "Batal" },
      ];
    case "editPick":
      return [
        { value: "type", label: "Jenis laporan" },
        { value: "description", label: "Uraian" },
        { value: "agency", label: "Instansi tujuan" },
        { value: "location", label: "Lokasi" },
        { value: "date", label: "Tanggal kejadian" },
        { value: "photo", label: "Foto" },
        { value: "privacy", label: "Kerahasiaan" },
      ];
    case "description":
      return [];
  }
}

function normalize(text: string): string {
  return text
    .toLowerCase()
    .replace(/[.!?,]+$/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

const FIELD_SYNONYM_KEY: Record<string, string> = {
  type: "type_field",
  description: "description",
  agency: "agency_field",
  location: "location_field",
  date: "date_field",
  photo: "photo_field",
  privacy: "privacy_field",
};

/** Reads a typed answer as one of the options: its number, its label, its value or a common word for it. */
export function matchOption(text: string, options: readonly OutboundOption[]): string | null {
  const typed = normalize(text);
  if (typed === "") return null;
  if (/^\d{1,2}$/.test(typed)) return options[Number(typed) - 1]?.value ?? null;
  for (const option of options) {
    const words = SYNONYMS[FIELD_SYNONYM_KEY[option.value] ?? option.value] ?? [];
    if (typed === option.value.toLowerCase() || typed === normalize(option.label) || words.includes(typed)) {
      return option.value;
    }
  }
  return null;
}
