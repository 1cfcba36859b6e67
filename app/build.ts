// `npm run build`: compiles the TypeScript sources with tsc into dist/ and copies every non-TypeScript
// file of the source folders (nlp/data, db/migrations, static assets) beside them, so code that finds
// its data with `new URL("./data/x.json", import.meta.url)` works unchanged under `node dist/...`.
// tsc rather than a bundler: per-file output keeps those relative paths, the lazy imports of the
// channel adapters, the checkpointer's worker and Prisma's generated client exactly as in development.
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

const ROOT = path.resolve(import.meta.dirname, "..");
export const DIST = path.join(ROOT, "dist");
const SOURCE_DIRS = ["app", "bots", "dialogs", "complaints", "nlp", "db", "web"];
/** Generated or local-only files that never belong in a build. */
const SKIP = new Set(["generated", "node_modules"]);

function copyAssets(from: string, to: string): number {
  let copied = 0;
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) copied += copyAssets(source, target);
    else if (!entry.name.endsWith(".ts")) {
      cpSync(source, target);
      copied += 1;
    }
  }
  return copied;
}

/** `check: false` (`npm run build -- --no-check`) skips type checking, which `npm test` already does. */
export function build(options: { check?: boolean } = {}): { ms: number; assets: number } {
  const started = performance.now();
  rmSync(DIST, { recursive: true, force: true });
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  const args = [tsc, "-p", path.join(ROOT, "tsconfig.build.json"), ...(options.check === false ? ["--noCheck"] : [])];
  execFileSync(process.execPath, args, { cwd: ROOT, stdio: "inherit" });
  let assets = 0;
  for (const dir of SOURCE_DIRS) {
    if (existsSync(path.join(ROOT, dir))) assets += copyAssets(path.join(ROOT, dir), path.join(DIST, dir));
  }
  return { ms: Math.round(performance.now() - started), assets };
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.join(ROOT, "app", "build.ts")) {
  const result = build({ check: !process.argv.includes("--no-check") });
  process.stdout.write(
    `dist/ built in ${result.ms} ms (${result.assets} data files copied); start with: node dist/app/main.js\n`,
  );
}
