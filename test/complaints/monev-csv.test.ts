import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { agencyFiguresCsv, complaintsCsv, csvField, toCsv } from "../../complaints/monev-csv.js";
import { computeMonev, loadMonevComplaints } from "../../complaints/monev-figures.js";
import {
  ANONYMOUS,
  createMonevDatabase,
  expectNoAnonymousTrace,
  FORMULA_LOCATION,
  JANUARY,
  NAMED,
  NASTY_DESCRIPTION,
  NOW,
  SLA,
  type MonevDatabase,
} from "./monev-fixture.js";

/** A strict RFC 4180 reader, to prove the files round-trip (quotes, commas, line breaks). */
function parseCsv(text: string): string[][] {
  expect(text.startsWith("\uFEFF")).toBe(true);
  const body = text.slice(1);
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < body.length; i += 1) {
    const char = body[i];
    if (quoted) {
      if (char === '"' && body[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ",") {
      row.push(field);
      field = "";
    } else if (char === "\r" && body[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i += 1;
    } else if (char === "\n" || char === "\r") throw new Error(`bare line break at ${i}`);
    else field += char;
  }
  expect(field).toBe("");
  expect(row).toEqual([]);
  return rows;
}

let fixture: MonevDatabase;

beforeAll(async () => {
  fixture = await createMonevDatabase();
});

afterAll(async () => {
  await fixture.close();
});

describe("RFC 4180 encoding", () => {
  it("quotes only what needs quoting and doubles quotes", () => {
    expect(csvField("biasa")).toBe("biasa");
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField('kata "rusak"')).toBe('"kata ""rusak"""');
    expect(csvField("baris\nbaru")).toBe('"baris\nbaru"');
    expect(
      toCsv([
        ["a", "b"],
        ["c", "d"],
      ]),
    ).toBe("\uFEFFa,b\r\nc,d\r\n");
  });
});

describe("complaints CSV", () => {
  it("has one row per complaint of the period, in filing order, with fields that round-trip", async () => {
    const complaints = await loadMonevComplaints(fixture.prisma, { ...JANUARY, now: NOW, sla: SLA });
    const rows = parseCsv(complaintsCsv(complaints, SLA.calendar.utcOffsetMinutes));
    const [header, ...data] = rows;
    expect(header?.slice(0, 10)).toEqual([
      "kode",
      "diajukan (WIB)",
      "jenis",
      "instansi",
      "status",
      "privasi",
      "lokasi",
      "uraian",
      "nama pelapor",
      "telepon pelapor",
    ]);
    expect(data.map((r) => r[0])).toEqual([
      "LPR-0000000A",
      "LPR-0000000B",
      "LPR-0000000C",
      "LPR-0000000D",
      "LPR-0000000E",
      "LPR-0000000L",
      "LPR-0000000G",
      "LPR-0000000F",
      "LPR-0000000H",
      "LPR-0000000K",
    ]);
    const first = data[0] ?? [];
    expect(first[1]).toBe("2026-01-01 00:30");
    expect(first[3]).toBe("DPUPR");
    expect(first[7]).toBe(NASTY_DESCRIPTION);
    // Citizen text that would run as a spreadsheet formula is kept as text.
    expect(first[6]).toBe(`'${FORMULA_LOCATION}`);
    expect(first.slice(8, 16)).toEqual([
      NAMED.displayName,
      NAMED.phone,
      "ya",
      "2026-01-06 10:00",
      "2026-01-12 10:00",
      "4",
      "tidak",
      "",
    ]);
    const reopened = data[1] ?? [];
    expect(reopened.slice(4, 6)).toEqual(["DIBUKA_KEMBALI", "anonim"]);
    expect(reopened.slice(14, 17)).toEqual(["ya", "belum ditanggapi", "1"]);
  });

  it("leaves anonymous reporters blank and keeps rahasia descriptions for coordinators", async () => {
    const complaints = await loadMonevComplaints(fixture.prisma, { ...JANUARY, now: NOW, sla: SLA });
    const text = complaintsCsv(complaints, SLA.calendar.utcOffsetMinutes);
    expect(expectNoAnonymousTrace(text)).toEqual([]);
    const rows = parseCsv(text);
    for (const code of ["LPR-0000000B", "LPR-0000000G"]) {
      const anonymous = rows.find((r) => r[0] === code) ?? [];
      expect(anonymous[5]).toBe("anonim");
      expect(anonymous.slice(8, 10)).toEqual(["", ""]);
    }
    const rahasia = rows.find((r) => r[0] === "LPR-0000000C") ?? [];
    expect(rahasia[5]).toBe("rahasia");
    expect(rahasia[7]).toBe("Uraian laporan LPR-0000000C");
    // The anonymous citizen really exists in the database, so the blank is the writer's doing.
    const stored = await fixture.prisma.citizen.findFirst({ where: { userId: ANONYMOUS.userId } });
    expect(stored?.displayName).toBe(ANONYMOUS.displayName);
  });
});

describe("agency figures CSV", () => {
  it("writes the people's file in Indonesian formats, as the chat does", async () => {
    const figures = await computeMonev(fixture.prisma, { ...JANUARY, now: NOW, sla: SLA });
    const rows = parseCsv(agencyFiguresCsv(figures, (code) => (code === "DPUPR" ? "Dinas PUPR, Bina Marga" : undefined)));
    expect(rows[0]?.[9]).toBe("median waktu ke tindak lanjut pertama");
    expect(rows.slice(1).map((row) => row.slice(0, 1).concat(row.slice(4, 5), row.slice(9, 10), row.slice(11, 12)))).toEqual([
      ["DLH", "33,3%", "4,0 hari", "-"],
      ["DPUPR", "75,0%", "24,0 jam", "3,0"],
      ["KOORDINATOR", "0,0%", "-", "-"],
      ["TOTAL", "40,0%", "36,0 jam", "3,0"],
    ]);
  });

  it("writes one row per agency plus the total, with a decimal point, in the data file", async () => {
    const figures = await computeMonev(fixture.prisma, { ...JANUARY, now: NOW, sla: SLA });
    const rows = parseCsv(agencyFiguresCsv(figures, (code) => (code === "DPUPR" ? "Dinas PUPR, Bina Marga" : undefined), "data"));
    expect(rows[0]?.[0]).toBe("kode instansi");
    expect(rows.slice(1)).toEqual([
      ["DLH", "", "3", "1", "33.3", "0", "0.0", "1", "2", "96.0", "1", "", "0"],
      ["DPUPR", "Dinas PUPR, Bina Marga", "4", "3", "75.0", "1", "25.0", "0", "3", "24.0", "2", "3.00", "2"],
      ["KOORDINATOR", "Koordinator (belum diteruskan)", "3", "0", "0.0", "0", "0.0", "1", "2", "", "2", "", "0"],
      ["TOTAL", "Semua instansi", "10", "4", "40.0", "1", "10.0", "2", "7", "36.0", "5", "3.00", "2"],
    ]);
  });
});
