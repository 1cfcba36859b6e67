// Staff slash commands. Parses the text and renders the answer; every rule and permission check is in
// the lifecycle service. Returns null for anything that is not a staff command, so a staff member who
// writes as a citizen gets the citizen dialog.
import type { OutboundMessage } from "../complaints/push-message.js";
import type { Db } from "../db/database.js";
import type { ChangeResult, LifecycleService, Outcome, StaffActor } from "../complaints/lifecycle-service.js";
import { LOGIN_LINK_MINUTES, issueLoginToken, loginUrl, revokeAllSessions } from "../complaints/dashboard-access.js";
import { toIdentity } from "../complaints/notifications.js";
import { enqueueMessages } from "../complaints/outbox.js";
import { COORDINATOR_CODE } from "../nlp/classification.js";
import type { CommandContext, CommandHandler } from "./command-handler.js";
import { splitCode, splitWord } from "./slash-command.js";
import {
  DASHBOARD_COPY,
  STAFF_CONFIRM,
  renderQueue,
  renderStaffList,
  renderStaffView,
  renderStatistics,
  staffHelp,
  usage,
  type UsageKey,
} from "./staff-copy.js";

export interface StaffCommandDeps {
  lifecycle: LifecycleService;
  agencyName(code: string): string | undefined;
  agencyCodes(): string[];
  /** The agency code a name or alias means ("dinas pu", "dukcapil", "BPN"), as citizens' answers are read. */
  agencyByName?(text: string): string | undefined;
  /** Base URL of the web dashboard for /dasbor links; without it /dasbor says the dashboard is off. */
  dashboardUrl?: string;
}

const say = (text: string): OutboundMessage[] => [{ text }];

const MISSING_TEXT: Partial<Record<UsageKey, string>> = {
  teruskan: "Kode instansi tujuan belum diisi.",
  balas: "Pesannya belum diisi.",
  catatan: "Catatannya belum diisi.",
  selesai: "Jawabannya belum diisi.",
  tolak: "Alasannya belum diisi.",
  bukanwewenang: "Alasannya belum diisi.",
  tanya: "Pertanyaannya belum diisi.",
};

type CodeCommand = (db: Db, staff: StaffActor, code: string, rest: string) => Promise<OutboundMessage[]>;

/** Words an agency name may take: "dinas pekerjaan umum dan penataan ruang" is the longest alias we know. */
const MAX_NAME_WORDS = 7;

/** "dinas pu mohon segera" -> DPUPR and the note; a code ("DPUPR mohon segera") when no name fits. */
function splitAgency(rest: string, byName: StaffCommandDeps["agencyByName"]): { agency: string; note: string } {
  const words = rest.split(/\s+/).filter(Boolean);
  for (let length = Math.min(MAX_NAME_WORDS, words.length); length > 0 && byName; length -= 1) {
    const code = byName(words.slice(0, length).join(" "));
    // The note keeps its own spacing and line breaks: only the name's words are taken off the front.
    if (code) return { agency: code, note: rest.replace(new RegExp(`^\\s*(?:\\S+\\s+){${length - 1}}\\S+\\s*`), "") };
  }
  const { word, rest: note } = splitWord(rest);
  return { agency: word, note };
}

export function createStaffCommands(deps: StaffCommandDeps): CommandHandler {
  const { lifecycle } = deps;
  const label = (code: string | null): string => {
    if (!code) return "koordinator";
    const name = deps.agencyName(code);
    return name && name !== code ? `${name} (${code})` : code;
  };

  /** Commands of the form "/x KODE [text]": checks the code and, when required, the text. */
  const withCode =
    (key: UsageKey, textRequired: boolean, run: CodeCommand) =>
    async (db: Db, staff: StaffActor, args: string): Promise<OutboundMessage[]> => {
      if (args === "") return say(usage(key));
      const { code, typed, rest } = splitCode(args);
      if (!code) return say(usage(key, `"${typed}" bukan kode laporan yang valid.`));
      if (textRequired && rest === "") return say(usage(key, MISSING_TEXT[key] ?? "Teksnya belum diisi."));
      return run(db, staff, code, rest);
    };

  /** "/x KODE [teks]" commands that make one lifecycle change and confirm it. */
  const changeCommand = (
    key: UsageKey,
    textRequired: boolean,
    act: (db: Db, staff: StaffActor, code: string, text: string) => Promise<Outcome<ChangeResult>>,
    confirm: (result: ChangeResult) => string,
  ) =>
    withCode(key, textRequired, async (db, staff, code, rest) => {
      const result = await act(db, staff, code, rest);
      return say(result.ok ? confirm(result) : result.message);
    });

  const commands: Record<string, (db: Db, staff: StaffActor, args: string) => Promise<OutboundMessage[]>> = {
    antrian: async (db, staff) => {
      const result = await lifecycle.queue(db, staff);
      return say(result.ok ? renderQueue(result) : result.message);
    },
    lihat: withCode("lihat", false, async (db, staff, code) => {
      const result = await lifecycle.staffView(db, staff, code);
      if (!result.ok) return say(result.message);
      return [
        { text: renderStaffView(result.view) },
        ...result.photos.map((photo, index) => ({ text: `Foto ${index + 1} - ${result.view.code}`, photo })),
      ];
    }),
    teruskan: withCode("teruskan", true, async (db, staff, code, rest) => {
      const { agency, note } = splitAgency(rest, deps.agencyByName);
      const result = await lifecycle.forward(db, staff, code, agency, note);
      if (!result.ok) return say(result.message);
      return say(STAFF_CONFIRM.forwarded(result, label(result.agencyCode)));
    }),
    proses: changeCommand("proses", false, lifecycle.process, STAFF_CONFIRM.change),
    balas: changeCommand("balas", true, lifecycle.reply, STAFF_CONFIRM.replied),
    catatan: changeCommand("catatan", true, lifecycle.note, STAFF_CONFIRM.noted),
    selesai: changeCommand("selesai", true, lifecycle.finish, STAFF_CONFIRM.change),
    tolak: changeCommand("tolak", true, lifecycle.reject, STAFF_CONFIRM.change),
    bukanwewenang: changeCommand("bukanwewenang", true, lifecycle.notAuthority, STAFF_CONFIRM.returned),
    tanya: changeCommand("tanya", true, lifecycle.ask, STAFF_CONFIRM.asked),
    statistik: async (db, staff, args) => {
      const period = parsePeriod(args);
      if (period === undefined) return say(usage("statistik", 'Periode harus jumlah hari (1-3650) atau "semua".'));
      const result = await lifecycle.statistics(db, staff, { days: period });
      return say(result.ok ? renderStatistics(result.report) : result.message);
    },
    staf: async (db, staff, args) => {
      const { word, rest } = splitWord(args);
      switch (word.toLowerCase()) {
        case "tambah": {
          const { word: identity, rest: afterIdentity } = splitWord(rest);
          const { word: agency, rest: name } = splitWord(afterIdentity);
          if (identity === "" || agency === "") return say(usage("staf", "Identitas dan instansi wajib diisi."));
          const result = await lifecycle.addStaff(db, staff, identity, agency, name || null);
          return say(result.ok ? STAFF_CONFIRM.staffAdded(result.staff, result.created) : result.message);
        }
        case "hapus": {
          if (rest === "") return say(usage("staf", "Identitas petugas wajib diisi."));
          const result = await lifecycle.removeStaff(db, staff, splitWord(rest).word);
          return say(result.ok ? STAFF_CONFIRM.staffRemoved(result.identity) : result.message);
        }
        case "daftar":
        case "": {
          const result = await lifecycle.listStaff(db, staff);
          return say(result.ok ? renderStaffList(result.staff) : result.message);
        }
        default:
          return say(usage("staf"));
      }
    },
    bantuan: async (_db, staff) => say(staffHelp(staff.agencyCode, staff.agencyCode === COORDINATOR_CODE)),
    help: async (_db, staff) => say(staffHelp(staff.agencyCode, staff.agencyCode === COORDINATOR_CODE)),
  };

  /** /dasbor: a one-time login link in the staff member's own chat; /dasbor keluar ends every session. */
  async function dashboardLink(db: Db, staff: StaffActor, args: string, now: Date, inGroup: boolean): Promise<OutboundMessage[]> {
    const word = args.trim().toLowerCase();
    if (word === "keluar") return say(DASHBOARD_COPY.loggedOut(await revokeAllSessions(db, staff.identity, now)));
    if (word !== "") return say(DASHBOARD_COPY.usage());
    if (!deps.dashboardUrl) return say(DASHBOARD_COPY.notConfigured());
    const link = await issueLoginToken(db, staff.identity, now);
    if (!link.ok) return say(link.message);
    const message = { text: DASHBOARD_COPY.link(loginUrl(deps.dashboardUrl, link.token), LOGIN_LINK_MINUTES) };
    // Typed in a group: the link goes to the person's private chat, never to everyone in the group.
    const privately = inGroup ? toIdentity(staff.identity, message) : null;
    if (!privately) return [message];
    await enqueueMessages(db, [privately], now);
    return say(DASHBOARD_COPY.sentPrivately());
  }

  return {
    async handle(context: CommandContext): Promise<OutboundMessage[] | null> {
      if (!context.staff) return null;
      const command = context.input;
      if (command.kind !== "command") return null;
      if (command.name === "dasbor") {
        return dashboardLink(
          context.db,
          context.staff,
          command.args,
          context.now,
          context.message.chatId !== context.message.userId,
        );
      }
      // hasOwn: "/constructor" must not reach Object.prototype.
      const run = Object.hasOwn(commands, command.name) ? commands[command.name] : undefined;
      if (!run) return null;
      return run(context.db, context.staff, command.args);
    },
  };
}

/** "" -> 30 days, "semua" -> all time, a number of days -> that many; undefined when unreadable. */
export function parsePeriod(args: string): number | null | undefined {
  const text = args
    .trim()
    .toLowerCase()
    .replace(/\s*hari$/, "");
  if (text === "") return 30;
  if (text === "semua") return null;
  if (!/^\d+$/.test(text)) return undefined;
  const days = Number(text);
  return days >= 1 && days <= 3650 ? days : undefined;
}
