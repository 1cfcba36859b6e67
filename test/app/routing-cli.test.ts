// `npm run routing` as an operator runs it: a real child process on a real database of the engine under
// test, and `npm run classify` on the same database right after an import.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase } from "../../db/database.js";
import { runCli, type CliResult } from "../support/cli-process.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";

const root = mkdtempSync(path.join(tmpdir(), "lapor-routing-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let database: TestDatabase;
let n = 0;
beforeEach(async () => {
  n += 1;
  database = await createTestDatabase("routing");
});
afterEach(() => database.drop());

const inherited = Object.fromEntries(
  Object.entries(process.env).filter(
    ([key]) => !["AGENCIES_FILE", "DATABASE_URL", "DATA_DIR", "CLASSIFIER_THRESHOLD"].includes(key),
  ),
);

const run = (script: string, args: string[]): Promise<CliResult> =>
  runCli(script, args, { env: { ...inherited, DATA_DIR: database.dir, DATABASE_URL: database.url } });
const routing = (...args: string[]) => run("routing.ts", args);

function file(name: string, content: string | Buffer): string {
  const at = path.join(root, `${n}-${name}`);
  writeFileSync(at, content);
  return at;
}

async function rows(): Promise<{ text: string; agencyCode: string; source: string; batch: string | null }[]> {
  const db = await openDatabase(database.url);
  try {
    const select = { text: true, agencyCode: true, source: true, batch: true } as const;
    return await db.prisma.routingExample.findMany({ select, orderBy: { id: "asc" } });
  } finally {
    await db.close();
  }
}

// Exported from a spreadsheet with a decimal comma: `;`, a BOM, CRLF, a quoted story over two lines,
// extra columns, and agencies written as codes, names, aliases and names with a region.
const HISTORY = [
  "No;Tanggal;TEXT;Agency;Status",
  '1;2026-01-03;"Lampu jalan di Jl. Kenanga mati, gelap; rawan begal.\r\nMohon segera diganti.";Dinas Perhubungan Kota Malang;Selesai',
  "2;2026-01-04;pohon tumbang di jalan siliwangi, nutup jalan;dinas kebersihan;Selesai",
  "3;2026-01-04;pohon beringin alun alun retak rawan tumbang;DLH Kab. Bogor;Selesai",
  "4;2026-01-05;ranting pohon asam jatuh ke jalan, mohon dipangkas;dlh;Selesai",
  "5;2026-01-06;lampu pju depan masjid padam sudah seminggu;dishub;Selesai",
  "6;2026-01-07;tiang lampu jalan miring mau roboh;Dinas Perhubungan;Selesai",
  "7;2026-01-07;pohon mahoni miring ke rumah warga, mohon ditebang;Dinas Lingkungan Hidup;Selesai",
  "8;2026-01-08;lampu penerangan jalan di gang 5 kedip kedip;DISHUB;Selesai",
  "9;2026-01-09;;DLH;Selesai",
].join("\r\n");

describe("npm run routing", () => {
  it("imports codes, names, aliases and names with a region; a re-import adds nothing; classify uses it at once", async () => {
    const TREE = "pohon besar depan sekolah mau tumbang, mohon ditebang";
    expect((await run("classify.ts", [TREE])).stdout).toContain("Saran instansi: DISPERKIM");
    const csv = file("riwayat.csv", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(HISTORY)]));
    const first = await routing("import", csv);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("Diimpor 8 contoh baru");
    expect(first.stdout).toContain("1 baris tanpa teks dilewati");
    expect(first.stdout).toMatch(/DLH\s+4/);
    expect(first.stdout).toMatch(/DISHUB\s+4/);
    const stored = await rows();
    expect(stored).toHaveLength(8);
    expect(stored[0]?.text).toBe("Lampu jalan di Jl. Kenanga mati, gelap; rawan begal.\r\nMohon segera diganti.");
    expect(new Set(stored.map((row) => row.source))).toEqual(new Set(["IMPORT"]));

    const again = await routing("import", csv);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("Diimpor 0 contoh baru");
    expect(again.stdout).toContain("8 baris sudah ada");
    expect(await rows()).toHaveLength(8);

    const classified = await run("classify.ts", [TREE]);
    expect(classified.stdout).toContain("Saran instansi: DLH");
    const lights = await run("classify.ts", ["lampu jalan depan rumah saya mati, gelap"]);
    expect(lights.stdout).toContain("Saran instansi: DISHUB");
  });

  it("rejects the whole file when an agency is unknown, naming each with its rows and count", async () => {
    const csv = file(
      "campur.csv",
      [
        "text,agency",
        "jalan berlubang di depan sd,DPUPR",
        "objek wisata kotor,Dinas Pariwisata",
        "air pdam mati,pdam",
        "tiket museum mahal,Dinas Pariwisata",
        "sinyal hilang,Kominfo Pusat",
      ].join("\n"),
    );
    const result = await routing("import", csv);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("tidak ada yang disimpan: 3 baris");
    expect(result.stderr).toContain('"Dinas Pariwisata": 2 baris (baris 3, 5)');
    expect(result.stderr).toContain('"Kominfo Pusat": 1 baris (baris 6)');
    expect(await rows()).toHaveLength(0);
  });

  it("explains a file without text and agency columns", async () => {
    const result = await routing("import", file("salah.csv", "isi;dinas\njalan rusak;DPUPR\n"));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('kolom "text" dan "agency"');
  });

  it("stats, export (re-importable without duplicates) and remove by batch", async () => {
    await routing("import", file("a.csv", "text,agency\nlampu jalan mati,DISHUB\npohon tumbang,DLH\n"));
    await routing("import", file("b.csv", 'text;agency\n"parkir liar, di trotoar";Dishub\n'));
    const stats = await routing("stats");
    expect(stats.code).toBe(0);
    expect(stats.stdout).toMatch(/DISHUB\s+2\s+0\s+0\s+0\s+2/);
    const batch = /(\d+-b\.csv@\S+)\s+1 contoh/.exec(stats.stdout)?.[1];
    expect(batch).toBeDefined();

    const exported = path.join(root, `${n}-export.csv`);
    expect((await routing("export", exported)).stdout).toContain("3 contoh ditulis");
    expect(readFileSync(exported, "utf8")).toContain('"parkir liar, di trotoar","DISHUB","IMPORT"');
    expect((await routing("import", exported)).stdout).toContain("3 baris sudah ada");
    expect(await rows()).toHaveLength(3);

    const removed = await routing("remove", batch as string);
    expect(removed.stdout).toContain("1 contoh dari batch");
    expect((await rows()).map((row) => row.text)).toEqual(["lampu jalan mati", "pohon tumbang"]);
    const unknown = await routing("remove", "tidak-ada");
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("tidak ditemukan");
  });
});
