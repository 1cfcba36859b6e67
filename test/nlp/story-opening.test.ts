// The polite opening of a message is not part of the complaint.
import { describe, expect, it } from "vitest";
import { hasReportIntent, stripOpening } from "../../nlp/story-opening.js";

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
  ])("%s", (text, expected) => expect(stripOpening(text)).toBe(expected));

  it("keeps words that only look like an opening", () => {
    expect(stripOpening("Ibu saya tidak dapat bansos")).toBe("Ibu saya tidak dapat bansos");
    expect(stripOpening("Pagi ini air mati lagi")).toBe("Pagi ini air mati lagi");
    expect(stripOpening("Laporan saya belum ditindaklanjuti")).toBe("Laporan saya belum ditindaklanjuti");
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
