import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli, type CliResult } from "../support/cli-process.js";

const dir = mkdtempSync(path.join(tmpdir(), "lapor-classify-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// The settings under test come from each case, not from the environment the tests happen to run in.
const inherited = Object.fromEntries(
  Object.entries(process.env).filter(
    ([key]) => !["AGENCIES_FILE", "REGION_CODE", "CLASSIFIER_THRESHOLD", "DATABASE_URL", "DATA_DIR"].includes(key),
  ),
);

function run(args: string[], input: string, env: Record<string, string> = {}): Promise<CliResult> {
  // Its own database: the CLI reads the learned routing examples of DATA_DIR.
  return runCli("classify.ts", args, { env: { ...inherited, DATA_DIR: dir, ...env }, input });
}

describe("npx tsx app/classify.ts", () => {
  it("--jsonl writes one JSON object per complaint line, in the issue's shape", async () => {
    const input = ["jalan depan SD berlubang besar sejak dua minggu", "", "air pdam gk ngalir 3hari", "asdf qwer zxcv"].join(
      "\n",
    );
    const { code, stdout } = await run(["--jsonl"], `${input}\n`);
    expect(code).toBe(0);
    const lines = stdout.trim().split("\n");
    expect(lines).toHaveLength(3);
    const results = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    for (const result of results) {
      expect(Object.keys(result)).toEqual(["agency", "confidence", "top", "type", "urgent", "keywords"]);
      expect(Object.keys((result.top as object[])[0] ?? {})).toEqual(["agency", "score"]);
    }
    expect(results.map((result) => result.agency)).toEqual(["DPUPR", "PDAM", "KOORDINATOR"]);
    expect(results[0]).toMatchObject({ type: "pengaduan", urgent: false });
  });

  it("uses AGENCIES_FILE", async () => {
    const file = path.join(dir, "agencies.json");
    writeFileSync(
      file,
      JSON.stringify([
        { code: "DISPARBUD", name: "Dinas Pariwisata dan Kebudayaan", keywords: ["wisata"], phrases: ["objek wisata"] },
      ]),
    );
    const { stdout } = await run(["--jsonl"], "objek wisata pantai kotor dan tiketnya mahal, tempat wisata tidak terurus\n", {
      AGENCIES_FILE: file,
    });
    expect(JSON.parse(stdout.trim()).agency).toBe("DISPARBUD");
  });

  it("prints a readable answer with the agency's full name", async () => {
    const { code, stdout } = await run(["lampu jalan di gang kami di cipedes mati, gelap sekali"], "", { REGION_CODE: "3273" });
    expect(code).toBe(0);
    expect(stdout).toContain("Saran instansi: DISPERKIM - Dinas Perumahan dan Kawasan Permukiman");
    expect(stdout).toContain("Jenis laporan: pengaduan");
    expect(stdout).toMatch(/Tiga teratas:\n {2}1\. DISPERKIM/);
    expect(stdout).toContain("Petunjuk lokasi: Kel. Cipedes, Kec. Sukajadi, Kota Bandung");
  });

  it("explains its usage when given nothing", async () => {
    const { code, stderr } = await run([], "");
    expect(code).toBe(2);
    expect(stderr).toContain("Cara pakai");
  });
});
