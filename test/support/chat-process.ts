// The real program (`app/main.ts --chat`) as a child process, for restart and end-to-end tests.
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "../..");
const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");

export interface ChatProcess {
  child: ChildProcessWithoutNullStreams;
  output(): string;
  /** Everything written to stderr (the JSON log). */
  errors(): string;
  /** Writes one line and waits until the output after it matches. */
  sayAndWait(line: string, expected: RegExp, timeoutMs?: number): Promise<string>;
  waitFor(expected: RegExp, timeoutMs?: number): Promise<string>;
  exited: Promise<number | null>;
}

export interface ChatProcessOptions {
  /** "build" runs the compiled program (`node dist/app/main.js`, after `npm run build`) instead of tsx. */
  from?: "tsx" | "build";
  /** false: no --chat, so the configured channels run as in production. */
  chat?: boolean;
}

export function startChatProcess(
  env: Record<string, string>,
  args: string[] = [],
  options: ChatProcessOptions = {},
): ChatProcess {
  const [program, entry] = options.from === "build" ? [process.execPath, "dist/app/main.js"] : [TSX, "app/main.ts"];
  const child = spawn(program, [entry, ...(options.chat === false ? [] : ["--chat"]), ...args], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: "warn", ...env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  let mark = 0;
  const waiters = new Set<() => void>();
  child.stdout.on("data", (chunk: Buffer) => {
    out += chunk.toString();
    for (const wake of waiters) wake();
  });
  child.stderr.on("data", (chunk: Buffer) => {
    err += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const waitFor = (expected: RegExp, timeoutMs = 20_000) =>
    new Promise<string>((resolve, reject) => {
      const check = () => {
        const fresh = out.slice(mark);
        if (expected.test(fresh)) {
          waiters.delete(check);
          clearTimeout(timer);
          mark = out.length;
          resolve(fresh);
        }
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`timed out waiting for ${expected}; stdout:\n${out.slice(mark)}\nstderr:\n${err}`));
      }, timeoutMs);
      waiters.add(check);
      check();
    });
  return {
    child,
    output: () => out,
    errors: () => err,
    waitFor,
    sayAndWait: (line, expected, timeoutMs) => {
      child.stdin.write(`${line}\n`);
      return waitFor(expected, timeoutMs);
    },
    exited,
  };
}
