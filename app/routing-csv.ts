// Reading a pemda's routing history from CSV: a header row with `text` and `agency` columns (others
// ignored), `;` or `,` separated, UTF-8 with or without BOM, quoted fields with line breaks. Agencies
// resolve through the catalog (code, name, short name or alias, with a trailing region ignored).
// Writing the same shape back is `toRoutingCsv`.
import { createHash } from "node:crypto";
import { parse } from "csv-parse/sync";
import type { AgencyCatalog } from "../nlp/agency-catalog.js";

export interface ParsedExample {
  /** Spreadsheet row number: the header is row 1. */
  row: number;
  text: string;
  agencyCode: string;
  /** The optional `split` column (e.g. learn / test), for `npm run eval`; the import ignores it. */
  split?: string;
}

export interface UnknownAgency {
  name: string;
  rows: number[];
}

export type ParsedRoutingCsv =
  { ok: true; examples: ParsedExample[]; emptyText: number } | { ok: false; message: string; unknown?: UnknownAgency[] };

const MAX_ROWS_SHOWN = 10;

/** The dedup key of an imported example: the same text for the same agency is one example. */
export function importKey(text: string, agencyCode: string): string {
  const normalized = text.replace(/\s+/g, " ").trim().toLowerCase();
  return `text:${createHash("sha256").update(`${agencyCode}\n${normalized}`).digest("hex").slice(0, 32)}`;
}

/**
 * The separator of the header row: `;` (spreadsheets with a decimal comma write it) or `,`. One for the
 * whole file: csv-parse given both would split `;` rows again at every unquoted comma in a text.
 */
export function detectDelimiter(content: string): ";" | "," {
  const header = content.replace(/^\uFEFF/, "").split(/\r?\n/, 1)[0] ?? "";
  const outsideQuotes = header.replace(/"[^"]*"/g, "");
  const count = (char: string) => outsideQuotes.split(char).length - 1;
  return count(";") > count(",") ? ";" : ",";
}

export function parseRoutingCsv(content: string | Buffer, catalog: AgencyCatalog): ParsedRoutingCsv {
  let records: string[][];
  const text = typeof content === "string" ? content : content.toString("utf8");
  try {
    records = parse(text, {
      bom: true,
      delimiter: detectDelimiter(text),
      relax_column_count: true,
      skip_empty_lines: true,
    }) as string[][];
  } catch (error) {
    return { ok: false, message: `Berkas CSV tidak dapat dibaca: ${(error as Error).message}` };
  }
  const header = (records[0] ?? []).map((name) => name.trim().toLowerCase());
  const textAt = header.indexOf("text");
  const agencyAt = header.indexOf("agency");
  const splitAt = header.indexOf("split");
  if (textAt < 0 || agencyAt < 0) {
    return {
      ok: false,
      message: `Baris judul harus memuat kolom "text" dan "agency" (ditemukan: ${header.join(", ") || "-"}).`,
    };
  }
  const examples: ParsedExample[] = [];
  const unknown = new Map<string, number[]>();
  let emptyText = 0;
  records.slice(1).forEach((record, i) => {
    const row = i + 2;
    const text = (record[textAt] ?? "").trim();
    const name = (record[agencyAt] ?? "").trim();
    if (text === "") {
      emptyText++;
      return;
    }
    const agency = name === "" ? undefined : catalog.byName(name);
    if (!agency) {
      const rows = unknown.get(name) ?? [];
      rows.push(row);
      unknown.set(name, rows);
      return;
    }
    const split = splitAt >= 0 ? (record[splitAt] ?? "").trim().toLowerCase() : "";
    examples.push({ row, text, agencyCode: agency.code, ...(split ? { split } : {}) });
  });
  if (unknown.size > 0) {
    const list = [...unknown.entries()]
      .map(([name, rows]) => ({ name, rows }))
      .sort((a, b) => b.rows.length - a.rows.length || a.name.localeCompare(b.name));
    const lines = list.map(({ name, rows }) => {
      const shown = rows.slice(0, MAX_ROWS_SHOWN).join(", ") + (rows.length > MAX_ROWS_SHOWN ? ", ..." : "");
      return `  "${name || "(kosong)"}": ${rows.length} baris (baris ${shown})`;
    });
    const total = list.reduce((sum, entry) => sum + entry.rows.length, 0);
    return {
      ok: false,
      unknown: list,
      message: [
        `Impor dibatalkan, tidak ada yang disimpan: ${total} baris menyebut instansi yang tidak dikenal.`,
        ...lines,
        "Pakai kode, nama atau alias dari katalog (npm run routing -- stats menampilkan kodenya), atau tambahkan",
        "instansi/alias itu lewat AGENCIES_FILE.",
      ].join("\n"),
    };
  }
  return { ok: true, examples, emptyText };
}

const quote = (value: string) => `"${value.replace(/"/g, '""')}"`;

/** CSV with a header, `,` separated, every field quoted (line breaks kept); readable by the import. */
export function toRoutingCsv(
  rows: { text: string; agencyCode: string; source: string; batch: string | null; createdAt: Date }[],
) {
  const lines = ["text,agency,source,batch,created_at"];
  for (const row of rows) {
    lines.push([row.text, row.agencyCode, row.source, row.batch ?? "", row.createdAt.toISOString()].map(quote).join(","));
  }
  return `${lines.join("\r\n")}\r\n`;
}
