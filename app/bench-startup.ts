// Cold start: from spawning the program to its "ready" log line (terminal chat, fresh database).
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..");

function startOnce(databaseUrl: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(path.join(ROOT, "node_modules", ".bin", "tsx"), ["app/main.ts", "--chat"], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: "info" },
      stdio: ["pipe", "ignore", "pipe"],
    });
    let err = "";
    child.stderr.on("data", (chunk: Buffer) => {
      err += chunk.toString();
      if (err.includes('"msg":"ready"')) {
        const ms = performance.now() - started;
        child.kill("SIGKILL");
        resolve(ms);
      }
    });
    child.on("exit", () => reject(new Error(`exited before ready: ${err}`)));
  });
}

/** Median of several starts; the first run on a fresh file includes applying the migrations. */
export async function benchColdStart(runs = 5): Promise<{ firstMs: number; medianMs: number }> {
  const dir = mkdtempSync(path.join(tmpdir(), "lapor-start-"));
  try {
    const url = `file:${path.join(dir, "start.db")}`;
    const times: number[] = [];
    for (let i = 0; i < runs; i += 1) times.push(await startOnce(url));
    const first = times[0] ?? 0;
    const sorted = [...times].sort((a, b) => a - b);
    return { firstMs: Math.round(first), medianMs: Math.round(sorted[Math.floor(sorted.length / 2)] ?? 0) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
