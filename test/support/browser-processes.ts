// Finds browser processes by a path on their command line (each test gives Chromium its own
// user-data-dir under a temporary directory), so a test sees only the browsers it started.
import { readdirSync, readFileSync } from "node:fs";

export function processesMentioning(fragment: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let commandLine: string;
    try {
      commandLine = readFileSync(`/proc/${entry}/cmdline`, "utf8");
    } catch {
      continue; // exited meanwhile
    }
    if (commandLine.includes(fragment)) pids.push(Number(entry));
  }
  return pids;
}

/** Kills what a failed test left behind (only processes mentioning this test's own directory). */
export function killProcessesMentioning(fragment: string): void {
  for (const pid of processesMentioning(fragment)) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
}
