// Which question the dialog is asking in each state, and its options. Pure; shared by the renderer
// (to draw buttons or numbered lists) and the input parser (see option-matcher.ts for typed answers).
import type { OutboundOption } from "../complaints/push-message.js";
import { COORDINATOR_CODE } from "../nlp/classification.js";
import type { ComplaintContext } from "./complaint-context.js";

import type { QuestionId } from "./question-ids.js";

export { QUESTION_IDS, type QuestionId } from "./question-ids.js";

export const PRIVACY_OPTIONS: readonly OutboundOption[] = [
  { value: "biasa", label: "Biasa" },
  { value: "rahasia", label: "Rahasia" },
  { value: "anonim", label: "Anonim" },
];

export type AgencyNames = (code: string) => string | undefined;

function agencyLabel(code: string, names: AgencyNames): string {
  return code === COORDINATOR_CODE ? "Tidak tahu (diteruskan koordinator)" : (names(code) ?? code);
}

/** A pengaduan is never sent without a place: the summary offers Kirim only once it has one. */
export function missingLocation(context: ComplaintContext): boolean {
  const draft = context.draft;
  return draft.reportType === "pengaduan" && !draft.locationText && draft.latitude === undefined;
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
        ? [
            { value: "lanjut", label: "Selesai" },
            { value: "hapus", label: "Hapus semua foto" },
          ]
        : [{ value: "lewati", label: "Lewati (tanpa foto)" }];
    case "privacy":
      return [...PRIVACY_OPTIONS];
    case "summary":
      return [
        ...(missingLocation(context) ? [] : [{ value: "kirim", label: "Kirim" }]),
        { value: "ubah", label: "Ubah" },
        { value: "batal", label: "Batal" },
      ];
    case "editPick":
      return [
        { value: "type", label: "Jenis laporan" },
        { value: "description", label: "Uraian" },
        { value: "agency", label: "Instansi tujuan" },
        { value: "location", label: "Lokasi" },
        // No incident date for a suggestion or a request for information.
        ...(draft.reportType === "pengaduan" ? [{ value: "date", label: "Tanggal kejadian" }] : []),
        { value: "photo", label: "Foto" },
        { value: "privacy", label: "Kerahasiaan" },
      ];
    case "cancelConfirm":
      return [
        { value: "ya", label: "Ya, batalkan" },
        { value: "tidak", label: "Tidak, lanjutkan laporan" },
      ];
    case "answerOrNew":
      return [
        { value: "answer", label: `Jawaban untuk ${context.held?.code ?? "petugas"}` },
        { value: "new", label: "Laporan baru" },
      ];
    case "description":
      return [];
  }
}
