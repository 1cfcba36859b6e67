// Citizens tell it their way, through the real runner and SQLite: answers counted per scenario,
// everyday answers at every question, bad input refused with a hint and nothing lost.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChannelName, OutboundMessage } from "../../bots/channel.js";
import { COMPLAINT_MACHINE_VERSION } from "../../dialogs/complaint-dialog.js";
import { EVENT } from "../../complaints/complaint-status.js";
import { createTestApp, type TestApp } from "../support/test-app.js";
import { askedQuestion, chatDriver, TRACKING_CODE, type ChatDriver } from "../support/chat-driver.js";

// Monday 30 November 2026, 10:00 WIB.
const clock = () => new Date("2026-11-30T03:00:00Z");
let app: TestApp;
let user = 0;
beforeAll(async () => {
  app = await createTestApp({ clock });
  await app.prisma.staff.create({ data: { identity: "terminal:pu", agencyCode: "DPUPR" } });
});
afterAll(async () => {
  await app.close();
});

const citizen = (channel: ChannelName = "terminal"): ChatDriver =>
  chatDriver(app.handler, { channel, userId: `warga-${(user += 1)}` });
const codeIn = (replies: OutboundMessage[]) => TRACKING_CODE.exec(replies.map((r) => r.text).join("\n"))?.[0];

/** Answers whatever is asked, the way a citizen who already told everything would; counts the answers. */
async function finish(chat: ChatDriver, answers: Record<string, string> = {}): Promise<{ code: string; count: number }> {
  for (let count = 1; count <= 10; count += 1) {
    const question = askedQuestion(chat.transcript.at(-1));
    const answer = question === "summary" ? "kirim" : answers[question];
    if (answer === undefined) throw new Error(`unexpected question ${question}: ${chat.lastText()}`);
    const code = codeIn(await chat.say(answer));
    if (code) return { code, count };
  }
  throw new Error(`not filed: ${chat.lastText()}`);
}

const complaintOf = (code: string) => app.prisma.complaint.findUniqueOrThrow({ where: { trackingCode: code } });

describe("a whole story files in at most two answers", () => {
  it.each([
    [
      "Selamat pagi pak, lampu jalan di Jl. Kenanga RT 03 RW 02 Kel. Sukamaju mati sejak 3 hari lalu, gelap sekali",
      "Jl. Kenanga RT 03 RW 02 Kel. Sukamaju",
      "2026-11-27",
    ],
    ["Assalamualaikum min, sampah di pasar kliwon udah seminggu gak diangkut, baunya nyengat bgt", "pasar kliwon", "2026-11-23"],
    [
      "Punten, jalan di depan SDN 2 Cibiru berlubang gede pisan sejak 2 minggu, tos aya motor nu labuh",
      "depan SDN 2 Cibiru",
      "2026-11-16",
    ],
    [
      "min air pdam mati total dr kemarin sore di perumahan griya asri blok c, warga gak bisa mandi",
      "perumahan griya asri blok c",
      "2026-11-29",
    ],
    [
      "halo pak, izin lapor: di gang mawar rt 5 rw 2 ada pohon tumbang nutup jalan sejak tadi pagi",
      "gang mawar rt 5 rw 2",
      "2026-11-30",
    ],
    // A lasting state before a bare duration is a date: "mati 3 hari", "ora diangkut 2 minggu".
    [
      "mau lapor pak, air pdam mati 3 hari di perum griya asri blok c kec. cibeunying, tolong",
      "perum griya asri blok c kec. cibeunying",
      "2026-11-27",
    ],
    ["nyuwun sewu pak, sampah ing pasar legi ora diangkut 2 minggu, mambu banget", "pasar legi", "2026-11-16"],
    [
      "pak punten, jalan di kp. cibogo rt 02/05 desa sukamanah loba lubang, tos 2 bulan teu dibenerkeun",
      "kp. cibogo rt 02/05 desa sukamanah",
      "2026-10-01",
    ],
  ])("%s", async (story, location, date) => {
    const chat = citizen();
    await chat.say(story);
    const { code, count } = await finish(chat, { agencyPick: "tidak tahu" });
    expect(count).toBeLessThanOrEqual(2);
    const complaint = await complaintOf(code);
    expect(complaint.locationText).toBe(location);
    expect(complaint.incidentDate?.toISOString().slice(0, 10)).toBe(date);
    expect(complaint.reportType).toBe("pengaduan");
    expect(complaint.privacy).toBe("biasa");
    // The greeting is not part of the description.
    expect(complaint.description).not.toMatch(/^(selamat|assalam|punten|min |halo)/i);
  });

  it("files a suggestion without asking a date, and a question without asking a place", async () => {
    const suggestion = citizen();
    await suggestion.say("Usul pak, mohon dibangun lampu penerangan di gang mawar rt 5 rw 2, gelap kalau malam");
    const filed = await finish(suggestion, { agencyPick: "1" });
    expect(filed.count).toBeLessThanOrEqual(2);
    expect(await complaintOf(filed.code)).toMatchObject({ reportType: "aspirasi", incidentDate: null });
    const question = citizen();
    await question.say("Bagaimana cara mengurus akta kelahiran anak yang lahir di rumah?");
    const asked = await finish(question, { agencyPick: "1" });
    expect(asked.count).toBeLessThanOrEqual(2);
    expect(await complaintOf(asked.code)).toMatchObject({ reportType: "permintaan_informasi", locationText: null });
  });
});

describe("/lapor, one thing per answer", () => {
  it("files in at most six answers, understanding everyday words at each question", async () => {
    const chat = citizen();
    await chat.say("/lapor");
    await chat.say("Jalan berlubang besar, motor sering jatuh kalau malam");
    expect(askedQuestion(chat.transcript.at(-1))).toBe("location");
    // Not a place: a hint, and the description stays.
    expect((await chat.say("kan sudah saya tulis di atas pak"))[0]?.text).toMatch(/belum kami temukan/);
    // An answer to the next question, given too early, is no place either.
    expect((await chat.say("ga tau tanggalnya"))[0]?.text).toMatch(/belum kami temukan/);
    expect((await chat.say("gk ada"))[0]?.text).toMatch(/wajib/);
    await chat.say("Jl. Merdeka No. 5 depan warung bu Siti");
    expect(askedQuestion(chat.transcript.at(-1))).toBe("date");
    expect((await chat.say("kapan ya"))[0]?.text).toMatch(/belum kami pahami/);
    // A better place, told at the date question: noted, and the date asked again.
    expect((await chat.say("eh maaf pak, tepatnya di gang kenari rt 04 rw 07"))[0]?.text).toMatch(/sudah kami catat/);
    expect(askedQuestion(chat.transcript.at(-1))).toBe("date");
    const summary = await chat.say("2 hr lalu");
    expect(summary[0]?.questionId).toBe("summary");
    const code = codeIn(await chat.say("kirim"));
    expect(code).toBeDefined();
    const complaint = await complaintOf(code ?? "");
    expect(complaint).toMatchObject({
      locationText: "gang kenari rt 04 rw 07",
      description: "Jalan berlubang besar, motor sering jatuh kalau malam",
    });
    expect(complaint.incidentDate?.toISOString().slice(0, 10)).toBe("2026-11-28");
  });

  it("takes an agency named at the summary, alone or as a correction, and the coordinator verifies it", async () => {
    const chat = citizen();
    await chat.say("Selamat pagi pak, lampu jalan di Jl. Kenanga RT 03 RW 02 Kel. Sukamaju mati sejak 3 hari lalu, gelap sekali");
    await chat.say("instansinya salah, harusnya PLN");
    expect(chat.lastText()).toMatch(/Instansi tujuan: PT PLN/);
    await chat.say("bukan pln tapi dishub");
    expect(chat.lastText()).toMatch(/Instansi tujuan: Dinas Perhubungan/);
    // A place that names an office is a place, not an agency.
    await chat.say("eh lokasinya di depan kantor PLN");
    expect(chat.lastText()).toMatch(/Instansi tujuan: Dinas Perhubungan/);
    expect(chat.lastText()).toMatch(/Lokasi: depan kantor PLN/);
    const code = codeIn(await chat.say("kirim")) ?? "";
    expect(await complaintOf(code)).toMatchObject({ suggestedAgency: "DISPERKIM", assignedAgency: null, status: "BARU" });
  });

  it("notes a privacy wish given at the place or date question, and never takes it as the place", async () => {
    const chat = citizen();
    await chat.say("/lapor");
    await chat.say("Anak saya dimintai uang seragam 1,5 juta padahal katanya gratis");
    if (askedQuestion(chat.transcript.at(-1)) === "agencyPick") await chat.say("tidak tahu");
    expect(askedQuestion(chat.transcript.at(-1))).toBe("location");
    const [atPlace] = await chat.say("anonim aja pak");
    expect(atPlace?.text).toMatch(/Anonim: instansi tidak diberi tahu/);
    expect(askedQuestion(atPlace)).toBe("location");
    await chat.say("SMPN 2 Sukajadi");
    const [atDate] = await chat.say("eh rahasia aja deh");
    expect(atDate?.text).toMatch(/Rahasia: isinya hanya dilihat/);
    expect(askedQuestion(atDate)).toBe("date");
    const [summary] = await chat.say("senin kemarin");
    expect(summary?.text).toMatch(/Kerahasiaan: Rahasia/);
    const code = codeIn(await chat.say("kirim"));
    const complaint = await complaintOf(code ?? "");
    expect(complaint).toMatchObject({ privacy: "rahasia", locationText: "SMPN 2 Sukajadi" });
  });

  it("answers a question about the service with the welcome, and files nothing from it", async () => {
    const chat = citizen();
    const [welcome] = await chat.say("ini bener layanan pengaduan ya?");
    expect(welcome?.text).toMatch(/layanan pengaduan pelayanan publik/);
    expect(askedQuestion(welcome)).toBe("menu");
    // A question that also tells a problem is a story.
    const [story] = await chat.say("Pak, ini nomor pengaduan PDAM bukan? air di rumah saya mati dari kemarin");
    expect(story?.text).toMatch(/cerita Anda sudah kami catat/);
    await chat.say("Perum Griya Asri blok C2");
    const summary = chat.lastText();
    expect(summary).toMatch(/Uraian: Ini nomor pengaduan PDAM bukan\? air di rumah saya mati dari kemarin/);
  });

  it("answers 'kirim' pressed again or 'ok' after filing with the code already sent, not a new menu", async () => {
    const chat = citizen();
    await chat.say("Selamat pagi pak, lampu jalan di Jl. Kenanga RT 03 RW 02 Kel. Sukamaju mati sejak 3 hari lalu, gelap sekali");
    const code = codeIn(await chat.say("kirim")) ?? "";
    for (const again of ["kirim", "ok pak", "siap"]) {
      const [reply] = await chat.say(again);
      expect(reply?.text).toMatch(new RegExp(`Laporan ${code} sudah terkirim`));
    }
    // A privacy wish now is for a new report; the citizen is told the sent one stays as it was.
    const [wish] = await chat.say("rahasia aja pak");
    expect(wish?.text).toMatch(new RegExp(`Laporan ${code} yang sudah terkirim tidak berubah`));
    await chat.say("batal");
    expect((await chat.say("ok"))[0]?.text).toMatch(new RegExp(`Laporan ${code} sudah terkirim`));
    // A new story still starts a new report.
    expect((await chat.say("sampah di pasar kliwon udah seminggu gak diangkut"))[0]?.text).toMatch(
      /cerita Anda sudah kami catat/,
    );
  });

  it("counts: story, place, date, Kirim is four answers; an unsure agency makes five", async () => {
    const chat = citizen();
    await chat.say("/lapor");
    for (const answer of ["Jalan berlubang besar, motor sering jatuh kalau malam", "Jl. Merdeka No. 5", "kemarin sore"])
      await chat.say(answer);
    expect(codeIn(await chat.say("kirim"))).toBeDefined();
    expect(chat.transcript).toHaveLength(5);
    const unsure = citizen();
    await unsure.say("/lapor");
    await unsure.say("Pelayanan di kantor itu lambat sekali, saya menunggu berjam-jam tanpa kejelasan");
    const { count } = await finish(unsure, { agencyPick: "dukcapil", location: "Kantor kecamatan Cibiru", date: "tadi pagi" });
    expect(count + 1).toBeLessThanOrEqual(6);
  });

  it("takes an agency by alias at the agency question and stores the classifier's suggestion apart", async () => {
    const chat = citizen();
    await chat.say(
      "Pelayanan di kantor itu lambat sekali, saya menunggu berjam-jam tanpa kejelasan di Jl. Sudirman sejak kemarin",
    );
    expect(askedQuestion(chat.transcript.at(-1))).toBe("agencyPick");
    const { code } = await finish(chat, { agencyPick: "BPN" });
    const complaint = await complaintOf(code);
    expect(complaint.status).toBe("BARU");
    expect(complaint.suggestedAgency).not.toBe("BPN");
    const filed = await app.prisma.complaintEvent.findFirstOrThrow({ where: { complaintId: complaint.id, type: "FILED" } });
    expect(filed.note).toMatch(/pilihan pelapor: .*Pertanahan/i);
    const told = citizen();
    await told.say("Jalan di depan SDN 3 berlubang besar sejak dua minggu, motor sering jatuh");
    for (const answer of ["ubah", "instansi", "tidak tahu"]) await told.say(answer);
    const unknown = await complaintOf((await finish(told)).code);
    // "Tidak tahu" goes to the coordinator; the stored suggestion is still the classifier's, with its confidence.
    expect(unknown).toMatchObject({ assignedAgency: null, suggestedAgency: "DPUPR" });
    expect(unknown.suggestedConfidence).toBeGreaterThan(0.45);
  });
});

describe("a place or date told at another question", () => {
  it("is noted at the agency question and at the summary, and the question is asked again", async () => {
    const chat = citizen();
    await chat.say("pak jalan depan rumah saya rusak parah, tolong dibantu");
    expect(askedQuestion(chat.transcript.at(-1))).toBe("agencyPick");
    await chat.say("jl. cempaka no 12 deket masjid al ikhlas");
    expect(chat.lastText()).toMatch(/keterangan itu sudah kami catat/);
    expect(askedQuestion(chat.transcript.at(-1))).toBe("agencyPick");
    await chat.say("udah dari kemaren pak");
    expect(askedQuestion(chat.transcript.at(-1))).toBe("agencyPick");
    // Something that is neither an agency, a place nor a date still gets the hint, and nothing changes.
    await chat.say("ya pokoknya rusak lah");
    expect(chat.lastText()).toMatch(/belum kami pahami/);
    await chat.say("pu");
    expect(askedQuestion(chat.transcript.at(-1))).toBe("summary");
    expect(chat.lastText()).toMatch(/Lokasi: Jl\. cempaka no 12 deket masjid al ikhlas/);
    // A wish for privacy, typed instead of going through Ubah.
    await chat.say("oh iya pak tolong rahasiakan nama saya ya, takut");
    expect(chat.lastText()).toMatch(/kami buat Anonim: instansi tidak diberi tahu siapa pelapornya/);
    expect(chat.lastText()).toMatch(/Kerahasiaan: Anonim/);
    // At the summary, a corrected place replaces the one shown.
    await chat.say("eh salah, lokasinya di gang kenari rt 04 rw 07");
    expect(chat.lastText()).toMatch(/Lokasi: gang kenari rt 04 rw 07/i);
    const { code } = await finish(chat);
    const complaint = await complaintOf(code);
    expect(complaint.locationText).toMatch(/gang kenari rt 04 rw 07/i);
    expect(complaint.incidentDate?.toISOString().slice(0, 10)).toBe("2026-11-29");
    expect(complaint.privacy).toBe("anonim");
  });
});

describe("a wish for privacy told in the citizen's own words", () => {
  it("before the story: noted with what it means, the story is asked for, and the complaint is filed that way", async () => {
    const chat = citizen();
    await chat.say("assalamualaikum min, tolong rahasiakan nama saya ya, takut");
    expect(chat.lastText()).toMatch(/Anonim: instansi tidak diberi tahu siapa pelapornya/);
    // The wish is no story: the description is still asked for, and no agency was guessed from it.
    expect(askedQuestion(chat.transcript.at(-1))).toBe("description");
    await chat.say("pak RT minta uang 50rb buat surat pengantar ktp di rt 02 rw 05 kel. sukamaju, dari kemarin");
    const { code } = await finish(chat, { agencyPick: "tidak tahu", location: "rt 02 rw 05 kel. sukamaju", date: "kemarin" });
    const complaint = await complaintOf(code);
    expect(complaint.privacy).toBe("anonim");
    expect(complaint.description).toMatch(/^Pak RT minta uang 50rb/);
    expect(complaint.description).not.toMatch(/rahasiakan/);
  });

  it("at the description question: noted, and the same question asked again with nothing lost", async () => {
    const chat = citizen();
    await chat.say("/lapor");
    expect(askedQuestion(chat.transcript.at(-1))).toBe("description");
    await chat.say("dirahasiakan ya pak");
    expect(chat.lastText()).toMatch(/Rahasia: isinya hanya dilihat instansi/);
    expect(askedQuestion(chat.transcript.at(-1))).toBe("description");
    await chat.say("Sampah di TPS pasar baru tidak diangkut seminggu, bau sampai ke rumah warga");
    const { code } = await finish(chat, { location: "TPS pasar baru", date: "seminggu lalu" });
    expect((await complaintOf(code)).privacy).toBe("rahasia");
  });

  it("inside the story: the story is taken whole and the summary shows the wish", async () => {
    const chat = citizen();
    await chat.say("lampu jalan mati di gang mawar rt 03 rw 05 sejak 3 hari lalu, gelap bgt. tolong jangan sebut nama saya");
    expect(chat.lastText()).toMatch(/Kerahasiaan: Anonim/);
    const { code } = await finish(chat, { agencyPick: "tidak tahu" });
    const complaint = await complaintOf(code);
    expect(complaint.privacy).toBe("anonim");
    expect(complaint.description).toMatch(/^Lampu jalan mati di gang mawar/);
  });

  it("is not read into a story that only mentions the words", async () => {
    const chat = citizen();
    await chat.say("ada nomor anonim neror warga tiap malam ngaku petugas pln minta transfer, di perum griya asri blok c");
    const { code } = await finish(chat, { agencyPick: "tidak tahu", date: "tadi malam" });
    expect((await complaintOf(code)).privacy).toBe("biasa");
  });
});

describe("a photo promised for later", () => {
  it("is acknowledged with how to send it, at the summary and at the photo question, and nothing changes", async () => {
    const chat = citizen();
    await chat.say("PAK TOLONG!!! SAMPAH DI DEPAN SD NEGERI 5 UDAH 2 MINGGU GAK DIANGKUT BAU BANGET BANYAK LALAT");
    expect(askedQuestion(chat.transcript.at(-1))).toBe("summary");
    await chat.say("foto nyusul ya pak");
    expect(chat.lastText()).toMatch(/keterangan \(caption\) kode laporannya/);
    expect(askedQuestion(chat.transcript.at(-1))).toBe("summary");
    await chat.say("ubah");
    await chat.say("foto");
    expect(askedQuestion(chat.transcript.at(-1))).toBe("photo");
    await chat.say("nanti saya kirim fotonya");
    expect(chat.lastText()).toMatch(/Foto bisa dikirim kapan saja/);
    expect(askedQuestion(chat.transcript.at(-1))).toBe("summary");
    const { code } = await finish(chat);
    expect((await complaintOf(code)).description).toMatch(/^TOLONG!!! SAMPAH DI DEPAN SD NEGERI 5/);
  });

  it("inside a story, the story is kept whole", async () => {
    const chat = citizen();
    await chat.say("/lapor");
    await chat.say("lampu jalan mati di gang mawar rt 3 sejak kemarin, foto nyusul");
    const { code } = await finish(chat, { agencyPick: "tidak tahu" });
    expect((await complaintOf(code)).description).toMatch(/foto nyusul$/);
  });
});

describe("asking after a complaint, and thanks, in everyday words", () => {
  it("answers 'gimana laporan saya?' and 'cek laporan LPR-...' as /status, at the menu and in a form", async () => {
    const chat = citizen();
    await chat.say("selamat siang pak, laporan saya sudah sampai mana ya");
    expect(chat.lastText()).toMatch(/belum memiliki laporan/);
    await chat.say("air pdam mati 3 hari di perum griya asri blok c no 4, warga gak bisa masak");
    const { code } = await finish(chat, { agencyPick: "tidak tahu", date: "udah 3 hari" });
    await chat.say("makasih banyak pak 🙏");
    expect(chat.lastText()).toMatch(/^Sama-sama/);
    // Only the thanks: no menu again, nothing started.
    expect(askedQuestion(chat.transcript.at(-1))).not.toBe("menu");
    await chat.say("kapan diperbaiki ya?");
    expect(chat.lastText()).toMatch(new RegExp(`Laporan Anda \\(1\\)[\\s\\S]*${code}`));
    await chat.say(`cek laporan ${code.toLowerCase().replace("-", " ")}`);
    expect(chat.lastText()).toMatch(new RegExp(`^Laporan ${code}\\nStatus: `));
    // In the middle of a new form: answered, the question asked again, the form kept.
    await chat.say("/lapor");
    await chat.say("sampah numpuk udah seminggu ga diangkut, bau bgt");
    const asked = askedQuestion(chat.transcript.at(-1));
    expect(asked).not.toBe("menu");
    const replies = await chat.say("laporanku yg kemarin udah diproses belum?");
    expect(replies).toHaveLength(1);
    expect(replies[0]?.text).toContain(code);
    expect(askedQuestion(replies[0])).toBe(asked);
  });

  it("keeps a longer story that mentions an earlier report as a story", async () => {
    const chat = citizen();
    await chat.say(
      "laporan saya ke kelurahan seminggu lalu belum ada tanggapan, jalan di gang kenari masih rusak parah sampai sekarang",
    );
    expect(chat.lastText()).toMatch(/cerita Anda sudah kami catat/);
  });
});

describe("nothing lost, nothing bad filed", () => {
  it("files no incident date for a suggestion, even when its story or a later answer names a day", async () => {
    const chat = citizen();
    await chat.say("Usul pak, mohon dibangun tempat sampah di taman Jl. Merdeka, sejak minggu lalu banyak sampah berserakan");
    await chat.say("tadi pagi juga masih kotor");
    const complaint = await complaintOf((await finish(chat, { agencyPick: "tidak tahu" })).code);
    expect(complaint.reportType).toBe("aspirasi");
    expect(complaint.incidentDate).toBeNull();
  });

  it("keeps a short complaint typed at the menu and asks for the rest", async () => {
    const chat = citizen();
    const [reply] = await chat.say("jalan rusak parah");
    expect(reply?.text).toContain('"Jalan rusak parah"');
    await chat.say("di depan SDN 5 Sukajadi, lubangnya dalam sejak kemarin");
    const { code } = await finish(chat);
    expect((await complaintOf(code)).description).toBe(
      "Jalan rusak parah di depan SDN 5 Sukajadi, lubangnya dalam sejak kemarin",
    );
    const intent = citizen();
    expect((await intent.say("min mau ngadu"))[0]?.text).toMatch(/Ceritakan masalahnya/);
  });

  it("keeps a one-word start, never adds 'kirim' to the story, and 'kirim aja' goes on where it may", async () => {
    const chat = citizen();
    await chat.say("/lapor");
    expect((await chat.say("sampah"))[0]?.text).toMatch(/terlalu singkat[\s\S]*Yang sudah kami catat: "Sampah"/);
    expect((await chat.say("kirim"))[0]?.text).toMatch(/belum bisa dikirim tanpa uraian[\s\S]*catat: "Sampah"\./);
    await chat.say("di tps pasar baru udah numpuk, bau sampai ke rumah warga");
    // The date may be skipped: "kirim aja" skips it. At the summary it sends.
    expect(askedQuestion(chat.transcript.at(-1))).toBe("date");
    await chat.say("kirim aja");
    expect(askedQuestion(chat.transcript.at(-1))).toBe("summary");
    const code = codeIn(await chat.say("kirim aja"));
    const complaint = await complaintOf(code ?? "");
    expect(complaint.description).toBe("Sampah di tps pasar baru udah numpuk, bau sampai ke rumah warga");
    expect(complaint.incidentDate).toBeNull();

    // Asked for the agency, "kirim aja" leaves it to the coordinator, as the question offers.
    const unsure = citizen();
    await unsure.say("Good morning, the street light near my house has been broken for a week");
    expect(askedQuestion(unsure.transcript.at(-1))).toBe("agencyPick");
    await unsure.say("kirim aja");
    expect(askedQuestion(unsure.transcript.at(-1))).not.toBe("agencyPick");
    expect(unsure.lastText()).not.toMatch(/belum kami pahami/);
  });

  it("refuses emoji, punctuation and stretched letters as a description, and cuts a first message at 4,000 characters", async () => {
    const chat = citizen();
    await chat.say("/lapor");
    for (const junk of [
      "💩🔥🙏💩🔥🙏💩🔥🙏💩🔥🙏💩🔥🙏💩🔥🙏💩🔥🙏",
      "!!!!!!!!!!!!!!!!!!!!!!!!!",
      "aaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    ]) {
      expect((await chat.say(junk))[0]?.text).toMatch(/kata-kata/);
    }
    const long = citizen();
    const [reply] = await long.say(`Jalan di Jl. Melati rusak parah sejak kemarin. ${"Lubangnya banyak sekali 🙏 ".repeat(300)}`);
    expect(reply?.text).toMatch(/4000 karakter pertama/);
    const { code } = await finish(long);
    const description = (await complaintOf(code)).description;
    expect([...new Intl.Segmenter().segment(description)].length).toBeLessThanOrEqual(4000);
  });

  it("answers /status in the middle of a form in one message that asks the form's question again", async () => {
    const chat = citizen();
    await chat.say("/lapor");
    await chat.say("ktp el sy blm jadi udh 3 bulan, katanya blangko habis trs");
    expect(askedQuestion(chat.transcript.at(-1))).toBe("location");
    const replies = await chat.say("/status");
    expect(replies).toHaveLength(1);
    expect(replies[0]?.text).toMatch(/belum memiliki laporan/);
    expect(replies[0]?.text).toMatch(/masih tersimpan dan belum terkirim/);
    expect(askedQuestion(replies[0])).toBe("location");
    const { code } = await finish(chat, { location: "kantor dukcapil kota" });
    expect((await complaintOf(code)).description).toMatch(/blangko habis/);
  });

  it("asks once before cancelling a form with content, in everyday words", async () => {
    const chat = citizen();
    const chatId = `warga-${user}`;
    await chat.say("Jalan di depan SDN 3 berlubang besar sejak dua minggu, motor sering jatuh");
    expect((await chat.say("Batal."))[0]?.questionId).toBe("cancelConfirm");
    expect((await chat.say("gak"))[0]?.questionId).toBe("summary");
    expect((await chat.say("gak jadi lapor"))[0]?.questionId).toBe("cancelConfirm");
    expect((await chat.say("nggih"))[0]?.text).toMatch(/dibatalkan/);
    const empty = citizen();
    await empty.say("/lapor");
    expect((await empty.say("batal aja"))[0]?.text).toMatch(/dibatalkan/);
    expect(await app.prisma.complaint.count({ where: { chatId } })).toBe(0);
  });

  it("answers an empty message with a short hint and the same question", async () => {
    const chat = citizen();
    await chat.say("/lapor");
    const [reply] = await chat.say("");
    expect(reply?.text).toMatch(/Pesan Anda kosong/);
    expect(reply?.text).toMatch(/Ceritakan masalahnya/);
  });

  it("continues a form opened before the dialog's version 2", async () => {
    const chat = citizen();
    const chatId = `warga-${user}`;
    const draft = {
      photoIds: [],
      reportType: "pengaduan",
      description: "Jalan berlubang besar di depan pasar, motor sering jatuh.",
      agency: "DPUPR",
      agencyConfirmed: true,
      locationText: "depan pasar Kosambi",
    };
    await app.prisma.conversation.create({
      data: {
        channel: "terminal",
        chatId,
        machineVersion: COMPLAINT_MACHINE_VERSION - 1,
        snapshot: JSON.stringify({
          value: { form: "date" },
          context: { draft, submissionId: "old-form", trackingCode: "LPR-7K3M9QXA", editing: false },
        }),
        updatedAt: clock(),
      },
    });
    const [summary] = await chat.say("kemarin");
    expect(summary?.text).not.toMatch(/dimulai ulang/);
    expect(summary?.questionId).toBe("summary");
    expect(codeIn(await chat.say("kirim"))).toBeDefined();
  });
});

describe("plain replies to staff", () => {
  async function routedComplaint(chat: ChatDriver): Promise<string> {
    await chat.say("Jalan di depan SDN 3 berlubang besar sejak dua minggu, motor sering jatuh");
    return (await finish(chat)).code;
  }
  const staff = () => chatDriver(app.handler, { userId: "pu" });

  it.each(["terminal", "whatsapp"] as const)("rates and answers 'sudah beres?' by typing on %s", async (channel) => {
    const chat = citizen(channel);
    const code = await routedComplaint(chat);
    expect((await staff().say(`/selesai ${code} Lubang sudah ditambal.`))[0]?.text).toMatch(/Selesai/);
    expect((await chat.say("4"))[0]?.text).toMatch(/penilaian 4\/5/);
    expect((await chat.say("Belum beres"))[0]?.text).toMatch(/dibuka kembali/);
    expect(await complaintOf(code)).toMatchObject({ rating: 4, status: "DIBUKA_KEMBALI" });
    // Nothing waits any more: a number is the menu's again.
    expect((await chat.say("2"))[0]?.text).toContain(code);
  });

  it("after SELESAI, hands a reply to the answer to the officer, reads 'iya' as fixed, and still takes a new story", async () => {
    const chat = citizen();
    const code = await routedComplaint(chat);
    await staff().say(`/selesai ${code} Lubang sudah ditambal.`);
    const [forwarded] = await chat.say("oke pak sudah saya terima jawabannya");
    expect(forwarded?.text).toMatch(/sudah diteruskan ke petugas/);
    const events = await app.prisma.complaintEvent.findMany({ where: { complaint: { trackingCode: code } } });
    expect(events.some((event) => event.note === "oke pak sudah saya terima jawabannya")).toBe(true);
    const [story] = await chat.say("Lampu jalan di Jl. Kenanga RT 03 mati sejak 3 hari lalu, gelap sekali");
    expect(story?.text).toMatch(/cerita Anda sudah kami catat/);
    await chat.say("batal");
    await chat.say("ya");
    expect((await chat.say("iya pak"))[0]?.text).toMatch(/sudah beres/);
    expect(await complaintOf(code)).toMatchObject({ status: "SELESAI" });
    const confirmed = await app.prisma.complaintEvent.count({
      where: { complaint: { trackingCode: code }, type: EVENT.CONFIRMED },
    });
    expect(confirmed).toBe(1);
  });

  it("asks whether a new story answers the officer's question, and does what the citizen picks", async () => {
    const chat = citizen();
    const code = await routedComplaint(chat);
    await staff().say(`/tanya ${code} Di sisi kiri atau kanan jalan?`);
    const [which] = await chat.say("Lampu jalan di Jl. Kenanga RT 03 mati sejak 3 hari lalu, gelap sekali");
    expect(which?.questionId).toBe("answerOrNew");
    expect(which?.text).toContain(code);
    const [fresh] = await chat.say("2");
    expect(fresh?.questionId).toBe("summary");
    expect(fresh?.text).toMatch(/Jl\. Kenanga RT 03/);
    await chat.say("batal");
    await chat.say("ya");
    // A plain answer is handed over at once; one that reads like a new report is asked about first.
    const answered = await chat.say("Sisi kiri, dekat gerbang sekolah");
    const [confirmation] = answered[0]?.questionId === "answerOrNew" ? await chat.say("1") : answered;
    expect(confirmation?.text).toMatch(/sudah diteruskan ke petugas/);
    const events = await app.prisma.complaintEvent.findMany({ where: { complaint: { trackingCode: code } } });
    expect(events.some((event) => event.note?.includes("Sisi kiri"))).toBe(true);
  });
});
