// The page shell every dashboard page shares: plain HTML and one small stylesheet, readable on a phone
// and without JavaScript. hono/html escapes every interpolated value; raw() only for our own markup.
import { html } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";

export type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

export interface Viewer {
  name: string;
  agencyCode: string;
  csrf: string;
}

const STYLE = `
*{box-sizing:border-box}body{margin:0;font:16px/1.45 system-ui,"DejaVu Sans",sans-serif;color:#1a202c;background:#f4f6f8}
header{background:#7a1f1f;color:#fff;padding:.6rem 1rem;display:flex;flex-wrap:wrap;gap:.4rem 1.2rem;align-items:center}
header a{color:#fff}header .brand{font-weight:700;text-decoration:none;margin-right:auto}header form{margin:0}
header button{background:transparent;color:#fff;border:1px solid #fff8;padding:.2rem .6rem}
main{max-width:1100px;margin:0 auto;padding:1rem}h1{font-size:1.35rem;margin:.2rem 0 1rem}h2{font-size:1.1rem;margin:1.4rem 0 .5rem}
a{color:#1c4f8a}.card{background:#fff;border:1px solid #d9dee5;border-radius:6px;padding:1rem;margin-bottom:1rem}
table{border-collapse:collapse;width:100%;background:#fff}th,td{text-align:left;padding:.45rem .5rem;border-bottom:1px solid #e2e8f0;vertical-align:top}
th{background:#edf2f7;font-size:.85rem}td.num,th.num{text-align:right}td.num{white-space:nowrap}
.sla{display:inline-block;padding:.05rem .45rem;border-radius:9px;font-size:.85rem;white-space:nowrap;border:1px solid}
.sla-tepat_waktu{background:#e6f4ea;color:#1e5b32;border-color:#9ccaa9}.sla-mendekati_batas{background:#fff4d6;color:#6b4a00;border-color:#e3c46b}
.sla-terlambat{background:#fde2e1;color:#8a1c1c;border-color:#e59b98}.sla-ditutup{background:#edf2f7;color:#4a5568;border-color:#cbd5e0}
.tag{font-size:.75rem;font-weight:700;padding:.05rem .35rem;border-radius:4px;background:#2d3748;color:#fff;margin-left:.25rem}
form.filters{display:flex;flex-wrap:wrap;gap:.5rem;align-items:flex-end}form.filters label{display:flex;flex-direction:column;font-size:.85rem}
input,select,textarea,button{font:inherit;padding:.35rem .5rem;border:1px solid #a0aec0;border-radius:4px;max-width:100%}
button{background:#1c4f8a;color:#fff;border-color:#1c4f8a;cursor:pointer}textarea{width:100%;min-height:4.5rem}
.notice{padding:.6rem .8rem;border-radius:6px;margin-bottom:1rem}.notice.ok{background:#e6f4ea;border:1px solid #9ccaa9}.notice.err{background:#fde2e1;border:1px solid #e59b98}
dl.fields{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1rem;margin:0}dl.fields dt{font-weight:600;color:#4a5568}dl.fields dd{margin:0}
ol.history{padding-left:1.2rem}ol.history li{margin-bottom:.35rem}.internal{color:#6b4a00}
.actions{display:grid;grid-template-columns:repeat(auto-fill,minmax(300px,1fr));gap:1rem}.actions form{background:#fff;border:1px solid #d9dee5;border-radius:6px;padding:.8rem}
.actions h3{margin:0 0 .4rem;font-size:1rem}.actions p{margin:.2rem 0 .5rem;font-size:.85rem;color:#4a5568}
.photos img{max-width:100%;height:auto;max-height:320px;border-radius:4px;margin:.2rem}.pager{display:flex;gap:1rem;margin:1rem 0}
.chart svg{width:100%;max-width:860px;height:auto}.muted{color:#4a5568;font-size:.9rem}.desc{white-space:pre-wrap}
@media (max-width:700px){table.queue thead{display:none}table.queue tr{display:block;border-bottom:2px solid #cbd5e0;padding:.4rem 0}
table.queue td{display:block;border:0;padding:.15rem .5rem}dl.fields{grid-template-columns:1fr}dl.fields dt{margin-top:.4rem}}
`;

export function page(title: string, body: Html | string, viewer?: Viewer): Html {
  return html`<!doctype html>
    <html lang="id">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title} - Dasbor SP4N-LAPOR!</title>
        <style>
          ${STYLE}
        </style>
      </head>
      <body>
        <header>
          <a class="brand" href="/">Dasbor Pengaduan</a>
          ${
            viewer
              ? html`<a href="/">Antrean</a><a href="/monev">Monev</a>
                  <span>${viewer.name} · ${viewer.agencyCode}</span>
                  <form method="post" action="/keluar">
                    <input type="hidden" name="csrf" value="${viewer.csrf}" /><button type="submit">Keluar</button>
                  </form>`
              : ""
          }
        </header>
        <main>${body}</main>
      </body>
    </html>`;
}

export function notice(message: string | undefined, ok: boolean): Html | string {
  if (!message) return "";
  return html`<p class="notice ${ok ? "ok" : "err"}" role="status">${message}</p>`;
}

export function slaBadge(state: string | null, label: string): Html {
  return html`<span class="sla sla-${state ?? "ditutup"}">${label}</span>`;
}
