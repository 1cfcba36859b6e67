// Recently written dialog snapshots, keyed by their stored JSON: the next message of an active chat
// reuses the restored snapshot instead of parsing, validating and resolving it again. Bounded, so idle
// dialogs live only in the database. XState snapshots are immutable, so sharing one is safe.
import type { ComplaintSnapshot } from "./dialog-snapshot.js";

export class SnapshotCache {
  private readonly entries = new Map<string, ComplaintSnapshot>();

  constructor(private readonly capacity = 2000) {}

  get(json: string): ComplaintSnapshot | undefined {
    const hit = this.entries.get(json);
    if (hit) {
      // Least recently used first out: move to the end.
      this.entries.delete(json);
      this.entries.set(json, hit);
    }
    return hit;
  }

  set(json: string, snapshot: ComplaintSnapshot): void {
    this.entries.delete(json);
    this.entries.set(json, snapshot);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }

  get size(): number {
    return this.entries.size;
  }
}
