// Signal handling of the graceful stop: the first signal stops once and exits with its result, a second
// one exits at once. Signals are emitted to this process's own listeners; exit is recorded, not taken.
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { handleSignals, type SignalHandling } from "../../app/shutdown.js";

const logger = pino({ level: "silent" });
let handling: SignalHandling | undefined;
afterEach(() => handling?.dispose());

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe("handleSignals", () => {
  it("stops once on SIGTERM and exits 0 when the stop completes", async () => {
    const exits: number[] = [];
    let stops = 0;
    handling = handleSignals({ logger, stop: async () => void (stops += 1), exit: (code) => exits.push(code) });
    process.emit("SIGTERM", "SIGTERM");
    await tick();
    expect(stops).toBe(1);
    expect(exits).toEqual([0]);
    // The end of the terminal input asks for the same stop: it is not run again.
    expect(await handling.stop("end of input")).toBe(0);
    expect(stops).toBe(1);
  });

  it("exits 1 when the stop fails", async () => {
    const exits: number[] = [];
    handling = handleSignals({ logger, stop: () => Promise.reject(new Error("disk full")), exit: (code) => exits.push(code) });
    process.emit("SIGTERM", "SIGTERM");
    await tick();
    expect(exits).toEqual([1]);
  });

  it("exits at once on a second signal while a stop hangs", async () => {
    const exits: number[] = [];
    handling = handleSignals({ logger, stop: () => new Promise(() => undefined), exit: (code) => exits.push(code) });
    process.emit("SIGTERM", "SIGTERM");
    await tick();
    expect(exits).toEqual([]);
    process.emit("SIGTERM", "SIGTERM");
    expect(exits).toEqual([143]);
    process.emit("SIGINT", "SIGINT");
    expect(exits).toEqual([143, 130]);
  });
});
