// Per-sender flood control: a fixed one-minute window per identity, told once per window.
export type RateDecision = "allow" | "notify" | "drop";

const WINDOW_MS = 60_000;

export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();
  private lastSweep = 0;

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number,
  ) {}

  check(identity: string): RateDecision {
    const now = this.now();
    // Once a minute, ended windows are dropped: memory follows active senders only.
    if (now - this.lastSweep >= WINDOW_MS) this.sweep(now);
    const window = this.windows.get(identity);
    if (!window || now - window.start >= WINDOW_MS) {
      this.windows.set(identity, { start: now, count: 1 });
      return "allow";
    }
    window.count += 1;
    if (window.count <= this.perMinute) return "allow";
    return window.count === this.perMinute + 1 ? "notify" : "drop";
  }

  /** Drops the windows that ended before `now` (ms). */
  sweep(now: number): void {
    this.lastSweep = now;
    for (const [key, window] of this.windows) if (now - window.start >= WINDOW_MS) this.windows.delete(key);
  }
}
