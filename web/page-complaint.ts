// One complaint: every field the staff view carries (the projection already hides an anonim reporter),
// photos, location with a map link, the classifier's suggestion, the history with staff names, and a
// form per action the status allows. The server checks permission and status again on submit.
import { html } from "hono/html";
import type { StaffComplaintView } from "../complaints/complaint-views.js";
import { ALLOWED_FROM, type LifecycleOperation } from "../complaints/lifecycle-rules.js";
import { COORDINATOR_CODE } from "../nlp/classification.js";
import { page, notice, type Html, type Viewer } from "./layout.js";

/** The dashboard's actions: the same operations as the chat commands, in the same words. */
export const ACTIONS = {
  teruskan: {
    operation: "forward",
    title: "Teruskan",
    help: "Teruskan ke instansi yang berwenang. Pelapor diberi tahu.",
    text: "Catatan (boleh kosong)",
  },
  proses: {
    operation: "process",
    title: "Proses",
    help: "Mulai menindaklanjuti. Pelapor diberi tahu.",
    text: "Catatan untuk pelapor (boleh kosong)",
  },
  balas: { operation: "reply", title: "Balas", help: "Kirim pesan ke pelapor.", text: "Pesan untuk pelapor" },
  tanya: { operation: "ask", title: "Tanya", help: "Minta informasi tambahan ke pelapor.", text: "Pertanyaan" },
  catatan: { operation: "note", title: "Catatan internal", help: "Tidak terlihat oleh pelapor.", text: "Catatan" },
  selesai: { operation: "finish", title: "Selesai", help: "Selesaikan dengan jawaban untuk pelapor.", text: "Jawaban" },
  tolak: { operation: "reject", title: "Tolak", help: "Tolak dengan alasan yang dikirim ke pelapor.", text: "Alasan penolakan" },
  bukanwewenang: {
    operation: "notAuthority",
    title: "Bukan wewenang",
    help: "Kembalikan ke koordinator untuk diteruskan ke instansi yang berwenang.",
    text: "Alasan",
  },
} as const satisfies Record<string, { operation: LifecycleOperation; title: string; help: string; text: string }>;

export type ActionName = keyof typeof ACTIONS;

export function isActionName(value: string): value is ActionName {
  return Object.hasOwn(ACTIONS, value);
}

const PRIVACY: Record<string, string> = {
  biasa: "Biasa",
  rahasia: "Rahasia (isi hanya untuk instansi yang menangani dan koordinator)",
  anonim: "Anonim (identitas pelapor dirahasiakan)",
};

function actionForm(name: ActionName, code: string, csrf: string, agencies: Array<{ code: string; name: string }>): Html {
  const action = ACTIONS[name];
  return html`<form method="post" action="/pengaduan/${code}/aksi">
    <h3>${action.title}</h3>
    <p>${action.help}</p>
    <input type="hidden" name="csrf" value="${csrf}" />
    <input type="hidden" name="aksi" value="${name}" />
    ${
      name === "teruskan"
        ? html`<label
              >Instansi tujuan
              <select name="instansi" required>
                ${agencies.map((agency) => html`<option value="${agency.code}">${agency.name} (${agency.code})</option>`)}
              </select></label
            ><br />`
        : ""
    }
    <label>${action.text}<br /><textarea name="teks" ${action.text.includes("boleh kosong") ? "" : "required"}></textarea></label>
    <button type="submit">${action.title}</button>
  </form>`;
}

export function complaintPage(input: {
  viewer: Viewer;
  coordinator: boolean;
  view: StaffComplaintView;
  photoCount: number;
  agencies: Array<{ code: string; name: string }>;
  agencyName(code: string): string | undefined;
  result?: { message: string; ok: boolean };
}): Html {
  const { view } = input;
  const allowed = (Object.keys(ACTIONS) as ActionName[]).filter((name) => {
    const operation = ACTIONS[name].operation;
    // A coordinator routes instead of declining: the lifecycle refuses "bukan wewenang" from them too.
    if (operation === "notAuthority" && input.coordinator) return false;
    return ALLOWED_FROM[operation].includes(view.status);
  });
  const suggestedName =
    view.suggestedCode === COORDINATOR_CODE
      ? "Koordinator (sistem belum yakin)"
      : (input.agencyName(view.suggestedCode) ?? view.suggestedCode);
  const fields = html`<dl class="fields">
    <dt>Status</dt>
    <dd>${view.statusLabel}${view.overdue ? html` <span class="sla sla-terlambat">${view.overdue}</span>` : ""}</dd>
    <dt>Jenis</dt>
    <dd>${view.reportType.replace(/_/g, " ")}${view.urgent ? html`<span class="tag">MENDESAK</span>` : ""}</dd>
    <dt>Privasi</dt>
    <dd>${PRIVACY[view.privacy] ?? view.privacy}</dd>
    <dt>Instansi</dt>
    <dd>${view.agency ?? "Belum diteruskan (koordinator)"}</dd>
    <dt>Saran sistem</dt>
    <dd>
      ${suggestedName}${view.suggestedCode === COORDINATOR_CODE ? "" : ` (${view.suggestedCode})`}, keyakinan
      ${Math.round(view.suggestedConfidence * 100)}%
    </dd>
    <dt>Pelapor</dt>
    <dd>${view.reporter}</dd>
    <dt>Masuk</dt>
    <dd>${view.filedAt}</dd>
    <dt>Tanggal kejadian</dt>
    <dd>${view.incidentDate ?? "-"}</dd>
    <dt>Lokasi</dt>
    <dd>${view.location ?? "-"}</dd>
    <dt>Koordinat</dt>
    <dd>
      ${
        view.coordinates
          ? html`${view.coordinates} · <a href="${view.mapUrl ?? "#"}" rel="noreferrer noopener" target="_blank">Buka peta</a>`
          : "-"
      }
    </dd>
    ${view.deadlines.map((line) => {
      const [label, value] = line.split(": ");
      return html`<dt>${label}</dt>
        <dd>${value ?? ""}</dd>`;
    })}
    <dt>Lampiran</dt>
    <dd>${view.attachmentCount} foto</dd>
    <dt>Dibuka kembali</dt>
    <dd>${view.reopenCount}x</dd>
    <dt>Bukan wewenang</dt>
    <dd>${view.notAuthorityCount}x</dd>
    <dt>Penilaian pelapor</dt>
    <dd>
      ${view.rating === null ? "-" : `${view.rating}/5`}${
        view.citizenSatisfied === null ? "" : view.citizenSatisfied ? " · pelapor: sudah beres" : " · pelapor: belum beres"
      }
    </dd>
    ${
      view.waitingForAnswer
        ? html`<dt>Pertanyaan</dt>
            <dd>Menunggu jawaban pelapor</dd>`
        : ""
    }
  </dl>`;
  const photos =
    input.photoCount === 0
      ? ""
      : html`<h2>Foto</h2>
          <div class="photos card">
            ${Array.from(
              { length: input.photoCount },
              (_, index) =>
                html`<a href="/pengaduan/${view.code}/foto/${index + 1}"
                  ><img
                    src="/pengaduan/${view.code}/foto/${index + 1}"
                    alt="Foto ${index + 1} laporan ${view.code}"
                    loading="lazy"
                /></a>`,
            )}
          </div>`;
  const history = html`<ol class="history">
    ${view.history.map(
      (line) =>
        html`<li class="${line.internal ? "internal" : ""}">
          <strong>${line.at}</strong> ${line.internal ? "[internal] " : ""}${line.text}
        </li>`,
    )}
  </ol>`;
  return page(
    view.code,
    html`<p><a href="/">« Antrean</a></p>
      <h1>${view.code}</h1>
      ${notice(input.result?.message, input.result?.ok ?? false)}
      <div class="card">${fields}</div>
      <h2>Isi laporan</h2>
      <div class="card desc">${view.description}</div>
      ${photos}
      <h2>Riwayat</h2>
      <div class="card">${history}</div>
      <h2>Tindak lanjut</h2>
      ${
        allowed.length === 0
          ? html`<p>Tidak ada tindakan untuk status ini.</p>`
          : html`<div class="actions">
              ${allowed.map((name) => actionForm(name, view.code, input.viewer.csrf, input.agencies))}
            </div>`
      }`,
    input.viewer,
  );
}
