// How every CLI of ours starts when run directly (not when imported by a test or the bench): a closed
// pipe (`... | head`) ends it quietly, an error is one line on stderr, and the exit code is main's.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { installProcessGuards } from "./process-guards.js";

/** True when the module at `moduleUrl` is the script node was started with. */
export function isEntryPoint(moduleUrl: string): boolean {
  const entry = process.argv[1];
  return Boolean(entry) && moduleUrl === pathToFileURL(path.resolve(entry as string)).href;
}

export function ignoreClosedPipe(): void {
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(0);
    throw error;
  });
}

export function runCli(moduleUrl: string, main: () => Promise<number>): void {
  if (!isEntryPoint(moduleUrl)) return;
  installProcessGuards({ entry: path.basename(new URL(moduleUrl).pathname).replace(/\.[jt]s$/, "") });
  ignoreClosedPipe();
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exitCode = 1;
    },
  );
}
