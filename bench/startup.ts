// Cold start: from spawning the program to its "ready" log line (terminal chat, fresh database), both
// from the build (`node dist/app/main.js`, what production runs; rebuilt first so the figure is always
// of the current sources) and through tsx (development); the build also with the health endpoint on,
// as the Docker image runs it.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DIST } from "../app/build.js";
import { freePort } from "../test/support/free-port.js";

const ROOT = path.resolve(import.meta.dirname, "..");

export type StartMode = "build" | "tsx";

function command(mode: StartMode): [string, string[]] {
  return mode === "build"
    ? [process.execPath, [path.join(DIST, "app", "main.js"), "--chat"]]
    : [path.join(ROOT, "node_modules", ".bin", "tsx"), ["app/main.ts", "--chat"]];
}

function startOnce(mode: StartMode, databaseUrl: string, healthPort: number | undefined): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const [program, args] = command(mode);
    // The bench runs with --expose-gc in NODE_OPTIONS; the program under test must not inherit it.
    const { NODE_OPTIONS: _ignored, ...env } = process.env;
    const child = spawn(program, args, {
      cwd: ROOT,
      env: {
        ...env,
        DATABASE_URL: databaseUrl,
        LOG_LEVEL: "info",
        HEALTH_PORT: healthPort === undefined ? "" : String(healthPort),
      },
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
export async function benchColdStart(
  mode: StartMode = "build",
  options: { runs?: number; health?: boolean } = {},
): Promise<{ firstMs: number; medianMs: number }> {
  const runs = options.runs ?? 5;
  const dir = mkdtempSync(path.join(tmpdir(), "lapor-start-"));
  try {
    const url = `file:${path.join(dir, "start.db")}`;
    const times: number[] = [];
    for (let i = 0; i < runs; i += 1) times.push(await startOnce(mode, url, options.health ? await freePort() : undefined));
    const first = times[0] ?? 0;
    const sorted = [...times].sort((a, b) => a - b);
    return { firstMs: Math.round(first), medianMs: Math.round(sorted[Math.floor(sorted.length / 2)] ?? 0) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
