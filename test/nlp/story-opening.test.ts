// The polite opening of a message is not part of the complaint.
import { describe, expect, it } from "vitest";
import { hasReportIntent, stripClosing, stripOpening } from "../../nlp/story-opening.js";

describe("stripOpening", () => {
  it.each([
    ["Selamat siang pak, saya mau lapor jalan di depan SD rusak parah", "Jalan di depan SD rusak parah"],
    ["Selamat pagi pak, lampu jalan di Jl. Kenanga mati", "Lampu jalan di Jl. Kenanga mati"],
    ["Assalamualaikum wr wb. Mohon maaf mengganggu waktunya, saya mau melaporkan jalan rusak", "Jalan rusak"],
    ["halo min, izin lapor: sampah numpuk", "Sampah numpuk"],
    ["Punten, bade ngadu soal cai PDAM mati", "Cai PDAM mati"],
    ["Lapor pak, pohon tumbang", "Pohon tumbang"],
    ["pak tolong jalan diperbaiki", "Tolong jalan diperbaiki"],
    ["Sugeng enjing, kulo ajeng lapor lampu mati", "Lampu mati"],
    ["kulo badhe lapor, dalan teng deso kulo rusak parah", "Dalan teng deso kulo rusak parah"],
    ["sugeng siang, ngapunten badhe matur, lampu PJU teng ngajeng masjid mati", "Lampu PJU teng ngajeng masjid mati"],
    ["nyuwun sewu pak, kulo badhe matur dalan rusak", "Dalan rusak"],
    // A letter's opening.
    [
      "Kepada Yth. Bapak/Ibu Dinas terkait. Dengan hormat, saya ingin menyampaikan keluhan terkait PJU mati di Jl. Raya Parung",
      "PJU mati di Jl. Raya Parung",
    ],
    ["Yth. Dinas PUPR, jalan di desa kami rusak", "Jalan di desa kami rusak"],
  ])("%s", (text, expected) => expect(stripOpening(text)).toBe(expected));

  it("keeps words that only look like an opening", () => {
    expect(stripOpening("Ibu saya tidak dapat bansos")).toBe("Ibu saya tidak dapat bansos");
    expect(stripOpening("Pagi ini air mati lagi")).toBe("Pagi ini air mati lagi");
    expect(stripOpening("Laporan saya belum ditindaklanjuti")).toBe("Laporan saya belum ditindaklanjuti");
  });

  it("strips the closing of a letter or chat, only at the end", () => {
    expect(stripClosing("Kondisi ini sudah sejak Oktober. Demikian, terima kasih.")).toBe("Kondisi ini sudah sejak Oktober.");
    expect(stripClosing("Tolong segera diperbaiki, makasih min")).toBe("Tolong segera diperbaiki");
    expect(stripClosing("jalan rusak parah. Atas perhatiannya saya ucapkan terima kasih. Wassalamualaikum wr wb")).toBe(
      "jalan rusak parah.",
    );
    expect(stripClosing("lampu jalan mati di gang mawar, terima kasih pak 🙏")).toBe("lampu jalan mati di gang mawar");
    expect(stripClosing("sampah numpuk.\nHormat saya,\nBudi")).toBe("sampah numpuk.");
    // Words of a closing inside the story stay.
    expect(stripClosing("Kondisinya demikian parah sehingga motor jatuh")).toBe("Kondisinya demikian parah sehingga motor jatuh");
    expect(stripClosing("Warga sangat terima kasih bila lampu diperbaiki")).toBe(
      "Warga sangat terima kasih bila lampu diperbaiki",
    );
    // Thanks that open the story or are all of it stay: they are not a closing.
    expect(stripClosing("terima kasih")).toBe("terima kasih");
    expect(stripClosing("makasih sudah ditindaklanjuti kemarin, tapi sekarang rusak lagi")).toBe(
      "makasih sudah ditindaklanjuti kemarin, tapi sekarang rusak lagi",
    );
  });

  it("tells a wish to report apart from a greeting", () => {
    expect(hasReportIntent("min mau ngadu")).toBe(true);
    expect(hasReportIntent("pak saya mau bikin laporan")).toBe(true);
    expect(hasReportIntent("bu, sy mw buat pengaduan")).toBe(true);
    expect(hasReportIntent("Selamat pagi, saya ingin melaporkan")).toBe(true);
    expect(hasReportIntent("halo selamat pagi")).toBe(false);
    expect(hasReportIntent("jalan rusak parah")).toBe(false);
  });
});
