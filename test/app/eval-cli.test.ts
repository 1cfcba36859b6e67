// `npm run eval` says what it measured on, and runs learning splits on any labelled file.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const dir = mkdtempSync(path.join(tmpdir(), "lapor-eval-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const evalCli = (...args: string[]) =>
  spawnSync(path.join(ROOT, "node_modules", ".bin", "tsx"), [path.join(ROOT, "app", "eval.ts"), ...args], {
    cwd: ROOT,
    env: { ...process.env, AGENCIES_FILE: "", CLASSIFIER_THRESHOLD: "" },
    encoding: "utf8",
  });

describe("npm run eval", () => {
  it("labels the default set as our own regression set", () => {
    const result = evalCli();
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("eval.jsonl (312 complaints; written by this project (a regression test, NOT evidence");
    expect(result.stdout).toMatch(/top-1 accuracy\s+\d+\.\d %/);
  });

  it("learns from part of a JSONL file without a split column and tests on the rest", () => {
    const file = path.join(dir, "kota.jsonl");
    const lines = [
      ...["lampu jalan mati di gang 1", "lampu pju padam depan masjid", "lampu jalan kedip kedip", "lampu jalan gang 9 mati"].map(
        (text) => ({ text, agency: "DISHUB" }),
      ),
      ...["air pdam mati tiga hari", "air ledeng keruh", "pipa pdam bocor", "tagihan air naik"].map((text) => ({
        text,
        agency: "PDAM",
      })),
    ];
    writeFileSync(file, lines.map((line) => JSON.stringify(line)).join("\n"));
    const result = evalCli(file, "--curve", "0,4");
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("test on all the others");
    const rows = result.stdout.split("\n").filter((line) => /^\s+\d+\s+\d+\s+\d/.test(line));
    expect(rows.map((line) => line.trim().split(/\s+/).slice(0, 2))).toEqual([
      ["0", "8"],
      ["4", "4"],
    ]);
  });
});
