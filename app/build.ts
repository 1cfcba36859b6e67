// `npm run build`: type-checks the production sources (tsc, no output) and bundles every command-line
// program of app/ with esbuild into dist/app/<name>.js (shared code in dist/chunks/), then copies every
// non-TypeScript file of the source folders (nlp/data, db/migrations, complaints/data) to the same
// relative place under dist/.
// A bundler rather than tsc's file-per-file output, by measurement (README "The compiled build"): with
// tsc's output the start spent ~0.34 s loading modules before main ran, most of it resolving, reading
// and compiling ~150 of our ES modules and the many files of zod, xstate and pino; bundled, ~0.23 s,
// about half of which is the external packages below. Minifying gained nothing measurable, so the
// bundle stays readable. Data found with `new URL("./data/x.json", import.meta.url)` keeps working:
// each of our modules sees the URL its own file would have under dist/, not the bundle's.
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { build as esbuild, type Plugin } from "esbuild";

const ROOT = path.resolve(import.meta.dirname, "..");
export const DIST = path.join(ROOT, "dist");
const SOURCE_DIRS = ["app", "bots", "dialogs", "complaints", "nlp", "db", "web"];
/** Generated or local-only files that never belong in a build. */
const SKIP = new Set(["generated", "node_modules"]);
/** Development tools that run from the sources only. */
const DEV_ONLY = new Set(["build"]);

/**
 * Dependencies loaded from node_modules at run time, not bundled: native addons (better-sqlite3,
 * resvg), Prisma's generated client and driver adapter (the client finds its WASM query compiler beside
 * its own files), natural (sloppy-mode CommonJS that fails when bundled into ES modules; its dictionary
 * is read beside it), and the channel, dashboard and chart libraries, imported only when configured and
 * kept exactly as published. Every other dependency (zod, xstate, pino, prom-client, dotenv, ...) is
 * bundled. (idn-area-data is found with require.resolve at run time, which a bundler never sees.)
 */
const EXTERNAL = [
  "@prisma/client",
  "@prisma/adapter-better-sqlite3",
  "better-sqlite3",
  "@resvg/resvg-js",
  "natural",
  "telegraf",
  "whatsapp-web.js",
  "qrcode",
  "qrcode-terminal",
  "hono",
  "@hono/node-server",
  "vega",
];

/** The programs: every `tsx app/<name>.ts` of package.json's scripts but the development tools. */
export function entryPoints(): string[] {
  const { scripts } = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
    scripts: Record<string, string>;
  };
  const names = new Set<string>();
  for (const script of Object.values(scripts)) {
    for (const match of script.matchAll(/\btsx app\/([\w-]+)\.ts\b/g)) {
      if (match[1] && !DEV_ONLY.has(match[1])) names.add(match[1]);
    }
  }
  return [...names].sort().map((name) => path.join(ROOT, "app", `${name}.ts`));
}

/**
 * `import.meta.url` in our modules becomes the URL of the module's own file under dist/ (which need
 * not exist): every output file sits one folder below dist/, so "../nlp/x.js" from it is dist/nlp/x.js.
 */
const ownModuleUrl: Plugin = {
  name: "own-module-url",
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, (args) => {
      const relative = path.relative(ROOT, args.path);
      if (relative.startsWith("..") || relative.split(path.sep).includes("node_modules")) return undefined;
      const source = readFileSync(args.path, "utf8");
      if (/import\.meta\.(dirname|filename)/.test(source)) {
        throw new Error(`${relative}: use import.meta.url (import.meta.dirname/filename are not rewritten for the bundle)`);
      }
      if (!source.includes("import.meta.url")) return { contents: source, loader: "ts" };
      const url = `../${relative.split(path.sep).join("/").replace(/\.ts$/, ".js")}`;
      // On the first line, so line numbers (and the source map) stay as they were.
      const rewritten = source.replaceAll(/\bimport\.meta\.url\b/g, "__ownModuleUrl");
      return {
        contents: `const __ownModuleUrl = new URL(${JSON.stringify(url)}, import.meta.url).href; ${rewritten}`,
        loader: "ts",
      };
    });
  },
};

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
export async function build(
  options: { check?: boolean } = {},
): Promise<{ ms: number; assets: number; programs: string[]; bytes: number }> {
  const started = performance.now();
  if (options.check !== false) {
    const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
    execFileSync(process.execPath, [tsc, "-p", path.join(ROOT, "tsconfig.build.json")], { cwd: ROOT, stdio: "inherit" });
  }
  rmSync(DIST, { recursive: true, force: true });
  const entries = entryPoints();
  const result = await esbuild({
    entryPoints: entries,
    outdir: DIST,
    entryNames: "app/[name]",
    chunkNames: "chunks/[name]-[hash]",
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20.11",
    external: EXTERNAL.flatMap((name) => [name, `${name}/*`]),
    // Bundled CommonJS libraries (pino, prom-client) call require() for Node's own modules.
    banner: {
      js: 'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);',
    },
    plugins: [ownModuleUrl],
    sourcemap: "linked",
    metafile: true,
    logLevel: "warning",
  });
  const outputs = Object.keys(result.metafile.outputs).filter((file) => file.endsWith(".js"));
  // The import.meta.url rewrite relies on it; a change of entryNames/chunkNames must not break it silently.
  const misplaced = outputs.filter((file) => path.relative(DIST, path.join(ROOT, file)).split(path.sep).length !== 2);
  if (misplaced.length > 0) throw new Error(`bundle files must sit one folder below dist/: ${misplaced.join(", ")}`);
  let assets = 0;
  for (const dir of SOURCE_DIRS) {
    if (existsSync(path.join(ROOT, dir))) assets += copyAssets(path.join(ROOT, dir), path.join(DIST, dir));
  }
  const bytes = outputs.reduce((sum, file) => sum + (result.metafile.outputs[file]?.bytes ?? 0), 0);
  const programs = entries.map((entry) => path.basename(entry, ".ts"));
  return { ms: Math.round(performance.now() - started), assets, programs, bytes };
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.join(ROOT, "app", "build.ts")) {
  const result = await build({ check: !process.argv.includes("--no-check") });
  process.stdout.write(
    `dist/ built in ${result.ms} ms: ${result.programs.length} programs (${result.programs.join(", ")}), ` +
      `${Math.round(result.bytes / 1024)} KB of JavaScript, ${result.assets} data files copied; ` +
      `start with: node dist/app/main.js\n`,
  );
}
