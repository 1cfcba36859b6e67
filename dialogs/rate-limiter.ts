// Per-sender flood control: a fixed one-minute window per identity, told once per window.
export type RateDecision = "allow" | "notify" | "drop";

export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number,
  ) {}

  check(identity: string): RateDecision {
    const now = this.now();
    const window = this.windows.get(identity);
    if (!window || now - window.start >= 60_000) {
      this.windows.set(identity, { start: now, count: 1 });
      if (this.windows.size > 50_000) this.sweep(now);
      return "allow";
    }
    window.count += 1;
    if (window.count <= this.perMinute) return "allow";
    return window.count === this.perMinute + 1 ? "notify" : "drop";
  }

  /** Drops windows older than a minute (or all, with Infinity): memory follows active senders only. */
  sweep(now: number): void {
    for (const [key, window] of this.windows) if (now - window.start >= 60_000 || !Number.isFinite(now)) this.windows.delete(key);
  }
}
