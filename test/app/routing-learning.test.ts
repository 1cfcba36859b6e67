// Learning from the people who route, end to end: citizens file through the dialog, staff decide with
// the real commands through the runner, and the next complaint of that kind is suggested to the agency
// this pemda uses. A real SQLite file; no restart in between.
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { chatDriver, fileComplaint, type ChatDriver } from "../support/chat-driver.js";
import { TREE_COMPLAINTS } from "../support/routing-examples.js";
import { createTestApp, type TestApp } from "../support/test-app.js";

// Street lights: the built-in catalog says DISPERKIM; this pemda gives them to DISHUB.
const LIGHTS = [
  "Lampu jalan di Jl. Kenanga mati sudah seminggu, gelap banget kalau malam",
  "pak lampu pju depan masjid al ikhlas padam, rawan begal",
  "lampu penerangan jalan di gang 5 kedip kedip terus mohon diganti",
  "lampu jln di perumahan griya asri mati 3 tiang, warga iuran beli bohlam sendiri",
];
const NEXT = "min lampu jalan di depan sd 2 mati total, anak2 pulang ngaji gelap";

let app: TestApp;
let coordinator: ChatDriver;
let dishub: ChatDriver;
let dlh: ChatDriver;
let citizens = 0;

beforeEach(async () => {
  app = await createTestApp();
  await app.prisma.staff.create({ data: { identity: "terminal:koor", agencyCode: "KOORDINATOR", name: "Kori" } });
  coordinator = chatDriver(app.handler, { userId: "koor" });
  await coordinator.say("/staf tambah terminal:dishub DISHUB Dewi");
  await coordinator.say("/staf tambah terminal:dlh DLH Dodi");
  dishub = chatDriver(app.handler, { userId: "dishub" });
  dlh = chatDriver(app.handler, { userId: "dlh" });
});
afterEach(async () => {
  await app.close();
});

async function file(description: string, agency = "tidak tahu", privacy: "Biasa" | "Rahasia" = "Biasa"): Promise<string> {
  const citizen = chatDriver(app.handler, { channel: "telegram", userId: `80${++citizens}`, displayName: "Warga" });
  return (await fileComplaint(citizen, { description, agency, privacy })).code;
}
const say = async (chat: ChatDriver, text: string) => (await chat.say(text)).map((reply) => reply.text).join("\n");
const examples = () =>
  app.prisma.routingExample.findMany({ orderBy: { id: "asc" }, select: { agencyCode: true, source: true, text: true } });
/** Files with the citizen confirming the bot's suggestion ("1"), which is then stored on the complaint. */
const suggestion = async (description: string) => {
  const code = await file(description, "1");
  return (await app.prisma.complaint.findUniqueOrThrow({ where: { trackingCode: code } })).suggestedAgency;
};

describe("routing learned from staff decisions", () => {
  it("after the coordinator forwards street lights to DISHUB, the next one is suggested to DISHUB", async () => {
    expect(await suggestion(NEXT)).toBe("DISPERKIM");
    // The citizen's own answer to the agency question is never a label.
    expect(await examples()).toHaveLength(0);

    for (const text of LIGHTS) {
      const code = await file(text);
      expect(await say(coordinator, `/teruskan ${code} DISHUB`)).toContain(`Laporan ${code} diteruskan ke`);
    }
    const learned = await examples();
    expect(learned.map((row) => [row.agencyCode, row.source])).toEqual(LIGHTS.map(() => ["DISHUB", "FORWARD"]));
    expect(learned[0]?.text).toBe(LIGHTS[0]);

    // The refresh after each committed step, not a restart, brings them into the running classifier.
    await vi.waitFor(() => expect(app.app.learned.model.size).toBe(LIGHTS.length), { timeout: 5000 });
    expect(await suggestion(NEXT)).toBe("DISHUB");
  });

  it("a declined forward is taken back, the re-route and the agency's SELESAI teach once each", async () => {
    const code = await file("pohon tumbang di jalan siliwangi menutup separuh jalan");
    await say(coordinator, `/teruskan ${code} DISHUB`);
    expect((await examples()).map((row) => row.agencyCode)).toEqual(["DISHUB"]);

    expect(await say(dishub, `/bukanwewenang ${code} Pohon bukan urusan kami, itu DLH`)).toContain(code);
    expect(await examples()).toHaveLength(0);

    await say(coordinator, `/teruskan ${code} DLH`);
    expect((await examples()).map((row) => [row.agencyCode, row.source])).toEqual([["DLH", "REROUTE"]]);
    expect(await say(dlh, `/selesai ${code} Pohon sudah dipotong dan jalan dibersihkan.`)).toContain("Selesai");
    expect((await examples()).map((row) => [row.agencyCode, row.source])).toEqual([["DLH", "REROUTE"]]);
  });

  it("a rahasia complaint's text is never copied into an example", async () => {
    const code = await file(LIGHTS[1] as string, "tidak tahu", "Rahasia");
    expect(await say(coordinator, `/teruskan ${code} DISHUB`)).toContain(`Laporan ${code} diteruskan ke`);
    expect(await examples()).toHaveLength(0);
  });

  it("SELESAI by the agency a complaint reached without the coordinator teaches that agency", async () => {
    await say(coordinator, "/staf tambah terminal:pupr DPUPR Budi");
    const pupr = chatDriver(app.handler, { userId: "pupr" });
    // The citizen confirms the suggestion: routed at once, and that choice alone teaches nothing.
    const code = await file("jalan di depan sdn 3 berlubang besar, sudah dua motor jatuh", "1");
    const filed = await app.prisma.complaint.findUniqueOrThrow({ where: { trackingCode: code } });
    expect(filed.assignedAgency).toBe("DPUPR");
    expect(await examples()).toHaveLength(0);
    await say(pupr, `/proses ${code}`);
    expect(await say(pupr, `/selesai ${code} Lubang sudah ditambal petugas.`)).toContain("Selesai");
    expect((await examples()).map((row) => [row.agencyCode, row.source])).toEqual([["DPUPR", "FINISHED"]]);
  });

  it("an import by another process while the bot runs is used after the next refresh, and so is its removal", async () => {
    const text = "pohon besar depan sekolah mau tumbang, mohon ditebang";
    expect(app.app.classifier.classify(text).agency).toBe("DISPERKIM");
    const csv = path.join(app.dataDir, "pohon.csv");
    writeFileSync(csv, ["text,agency", ...TREE_COMPLAINTS.map((tree) => `"${tree}",DLH`)].join("\n"));
    const cli = (...args: string[]) =>
      spawnSync(path.resolve("node_modules/.bin/tsx"), ["app/routing.ts", ...args], {
        env: { ...process.env, DATABASE_URL: app.config.DATABASE_URL, AGENCIES_FILE: "" },
        encoding: "utf8",
      });
    const imported = cli("import", csv);
    expect(imported.status).toBe(0);
    // What the bot's 10-second timer calls.
    await app.app.learned.refresh();
    expect(app.app.classifier.classify(text).agency).toBe("DLH");

    const batch = /remove "([^"]+)"/.exec(imported.stdout)?.[1] as string;
    expect(cli("remove", batch).status).toBe(0);
    await app.app.learned.refresh();
    expect(app.app.learned.model.size).toBe(0);
    expect(app.app.classifier.classify(text).agency).toBe("DISPERKIM");
  });
});
