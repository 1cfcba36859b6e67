// The supervisor restarts the one channel a fault belongs to; the other channel never notices.
import pino from "pino";
import { expect, it, vi } from "vitest";
import type { ChannelName, RunningChannel } from "../../bots/channel.js";
import { isTelegramLibraryFault } from "../../bots/telegram-errors.js";
import { isWhatsAppLibraryFault } from "../../bots/whatsapp-client.js";
import { routeFault, superviseChannel } from "../../app/channel-supervisor.js";

/** A channel whose instances record their sends and stops. */
function recordingChannel(name: ChannelName) {
  const instances: { sent: string[]; stopped: boolean }[] = [];
  return {
    instances,
    start: async (): Promise<RunningChannel> => {
      const instance = { sent: [] as string[], stopped: false };
      instances.push(instance);
      return {
        sender: { channel: name, send: async (_chat, message) => (instance.sent.push(message.text), { ok: true }) },
        stop: async () => void (instance.stopped = true),
      };
    },
  };
}

it("restarts only the channel that owns the fault; its sender reports a passing failure meanwhile", async () => {
  const logger = pino({ level: "silent" });
  const wa = recordingChannel("whatsapp");
  const tg = recordingChannel("telegram");
  const whatsapp = await superviseChannel(
    { name: "whatsapp", start: wa.start, owns: isWhatsAppLibraryFault },
    { logger, restartDelaysMs: [50] },
  );
  const telegram = await superviseChannel(
    { name: "telegram", start: tg.start, owns: isTelegramLibraryFault },
    { logger, restartDelaysMs: [50] },
  );
  const fault = new Error("Protocol error (Runtime.callFunctionOn): Target closed");
  fault.stack = `${fault.message}\n    at CdpCDPSession.send (/srv/lapor/node_modules/puppeteer-core/lib/cjs/puppeteer/cdp/CdpSession.js:1:1)`;

  expect(routeFault([whatsapp, telegram], fault, logger)).toBe(true);
  expect(await whatsapp.sender.send("62811@c.us", { text: "x" })).toEqual({
    ok: false,
    permanent: false,
    error: "channel restarting",
  });
  expect(await telegram.sender.send("1", { text: "masih jalan" })).toEqual({ ok: true });
  await vi.waitFor(() => expect(wa.instances).toHaveLength(2));
  expect(wa.instances[0]?.stopped).toBe(true);
  await vi.waitFor(async () => expect(await whatsapp.sender.send("62811@c.us", { text: "lagi" })).toEqual({ ok: true }));
  expect(wa.instances[1]?.sent).toEqual(["lagi"]);
  expect(tg.instances).toHaveLength(1);
  expect(tg.instances[0]).toEqual({ sent: ["masih jalan"], stopped: false });

  // The library's bare string throws are its own too; a fault of our own code belongs to no channel.
  expect(isWhatsAppLibraryFault("auth timeout")).toBe(true);
  expect(routeFault([whatsapp, telegram], new Error("a bug of ours"), logger)).toBe(false);
  await whatsapp.stop();
  await telegram.stop();
  expect(wa.instances[1]?.stopped).toBe(true);
});

it("a restart that fails is tried again later, and stop() during a restart leaves nothing running", async () => {
  const logger = pino({ level: "silent" });
  let starts = 0;
  const stops: number[] = [];
  const channel = await superviseChannel(
    {
      name: "whatsapp",
      owns: () => true,
      start: async () => {
        starts += 1;
        const id = starts;
        if (id === 2) throw new Error("Chromium failed to launch");
        return { sender: { channel: "whatsapp", send: async () => ({ ok: true }) }, stop: async () => void stops.push(id) };
      },
    },
    { logger, restartDelaysMs: [10, 20, 60_000] },
  );
  channel.restart("fault");
  await vi.waitFor(() => expect(starts).toBe(3));
  channel.restart("another fault");
  await channel.stop();
  expect(starts).toBe(3);
  expect(stops).toEqual([1, 3]);
});
