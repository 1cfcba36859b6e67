// The report CLI as a person runs it: a child process on a real database of the engine under test.
import { execFile } from "node:child_process";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMonevDatabase, expectNoAnonymousTrace, pngSize, type MonevDatabase } from "../complaints/monev-fixture.js";

const run = promisify(execFile);

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

let fixture: MonevDatabase;

beforeAll(async () => {
  fixture = await createMonevDatabase();
});

afterAll(async () => {
  await fixture.close();
});

async function report(args: string[]): Promise<CliResult> {
  const env = {
    ...process.env,
    DATABASE_URL: fixture.url,
    UTC_OFFSET_HOURS: "7",
    HOLIDAYS: "2026-01-01,2026-01-16",
    LOG_LEVEL: "silent",
  };
  try {
    const { stdout, stderr } = await run("npx", ["tsx", "app/report.ts", ...args], { env, cwd: process.cwd() });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? "", stderr: failed.stderr ?? "" };
  }
}

describe("npm run report", () => {
  it("writes the complaints CSV, the agency CSV and the chart, and prints their paths and a summary", async () => {
    const out = path.join(fixture.dir, "laporan");
    const result = await report(["--from", "2026-01-01", "--to", "2026-01-31", "--out", out]);
    expect(result.stderr).not.toContain("Laporan gagal");
    expect(result.code).toBe(0);

    const names = readdirSync(out).sort();
    expect(names).toEqual([
      "angka-per-instansi_2026-01-01_2026-01-31.csv",
      "angka-per-instansi_2026-01-01_2026-01-31_data.csv",
      "grafik-tindak-lanjut_2026-01-01_2026-01-31.png",
      "laporan-pengaduan_2026-01-01_2026-01-31.csv",
    ]);
    for (const name of names) expect(result.stdout).toContain(path.join(out, name));
    expect(result.stdout).toContain("Laporan monev 1 Jan 2026 - 31 Jan 2026 (semua instansi)");
    expect(result.stdout).toContain("Laporan masuk: 10 · ditindaklanjuti 4 (40,0%) · selesai 1 (10,0%) · ditolak 2");

    const png = readFileSync(path.join(out, "grafik-tindak-lanjut_2026-01-01_2026-01-31.png"));
    const size = pngSize(png);
    expect(size.width).toBeGreaterThan(1000);
    expect(size.height).toBeGreaterThan(300);
    expect(png.length).toBeGreaterThan(10_000);

    const complaints = readFileSync(path.join(out, "laporan-pengaduan_2026-01-01_2026-01-31.csv"), "utf8");
    expect(complaints.startsWith("\uFEFFkode,")).toBe(true);
    // Header + 10 complaints (A's description holds a bare \n inside quotes, not a CRLF).
    expect(complaints.split("\r\n").filter(Boolean)).toHaveLength(11);
    const agencies = readFileSync(path.join(out, "angka-per-instansi_2026-01-01_2026-01-31_data.csv"), "utf8");
    // The name column depends on the deployment's agency catalog; the figures do not.
    expect(agencies).toMatch(/\r\nDPUPR,("[^"]*"|[^,]*),4,3,75\.0,1,25\.0,0,3,24\.0,/);
    const forPeople = readFileSync(path.join(out, "angka-per-instansi_2026-01-01_2026-01-31.csv"), "utf8");
    expect(forPeople).toMatch(/\r\nDPUPR,("[^"]*"|[^,]*),4,3,"75,0%",1,"25,0%",0,3,"24,0 jam",/);
    for (const text of [complaints, agencies, result.stdout]) expect(expectNoAnonymousTrace(text)).toEqual([]);
  });

  it("filters one agency (KOORDINATOR: complaints not routed yet, whatever the catalog holds)", async () => {
    const out = path.join(fixture.dir, "koordinator");
    const result = await report(["--from", "2026-01-01", "--to", "2026-01-31", "--agency", "koordinator", "--out", out]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("(Koordinator (belum diteruskan))");
    expect(result.stdout).toContain("Laporan masuk: 3 · ditindaklanjuti 0 (0,0%) · selesai 0 (0,0%) · ditolak 1");
    const complaints = readFileSync(path.join(out, "laporan-pengaduan_2026-01-01_2026-01-31_KOORDINATOR.csv"), "utf8");
    expect(
      complaints
        .split("\r\n")
        .filter((line) => line.startsWith("LPR-"))
        .map((line) => line.slice(0, 12)),
    ).toEqual(["LPR-0000000G", "LPR-0000000F", "LPR-0000000H"]);
  });

  it("explains wrong use in Indonesian, with exit code 2 and no files", async () => {
    const out = path.join(fixture.dir, "salah");
    const missing = await report(["--from", "2026-01-01", "--out", out]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("--from dan --to wajib diisi.");
    const reversed = await report(["--from", "2026-03-31", "--to", "2026-01-01", "--out", out]);
    expect(reversed.code).toBe(2);
    expect(reversed.stderr).toContain("Tanggal tidak valid");
    const unknown = await report(["--from", "2026-01-01", "--to", "2026-01-31", "--bulan", "3"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("Cara pakai:");
    expect(existsSync(out)).toBe(false);
  });
});
