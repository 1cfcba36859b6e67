import { describe, expect, it } from "vitest";
import { cleanText, expandSlang, normalizeText, squeezeRepeats } from "../../nlp/normalize.js";
import { extractFeatures, isStopword } from "../../nlp/text-features.js";

describe("normalizeText", () => {
  it.each([
    ["Jln dpn sklh rusakkk parahh, udh 3bln!!", "jalan depan sekolah rusak parah sudah 3 bulan"],
    ["air PDAM gk ngalir dr kmrn", "air pdam tidak mengalir dari kemarin"],
    ["anak2 blm dpt KIP", "anak anak belum dapat kip"],
    ["TPS/TPA penuh, KTP-el blm jadi", "tps tpa penuh ktp el belum jadi"],
    ["lampu PJU mati 10hari", "lampu pju mati 10 hari"],
    ["sy tdk tau krn yg ngurus org lain", "saya tidak tahu karena yang urus orang lain"],
    ["Café  di   Jl. Merdeka", "cafe di jalan merdeka"],
    ["cek https://contoh.go.id/lapor ya", "cek ya"],
    ["bikin eKTP", "buat ktp el"],
  ])("%s -> %s", (input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });

  it("collapses stretched letters to the word they spell", () => {
    expect(squeezeRepeats("rusakkkk")).toBe("rusak");
    expect(squeezeRepeats("maaaaf")).toBe("maaf");
    expect(squeezeRepeats("tinggggi")).toBe("tinggi");
    expect(squeezeRepeats("jalan")).toBe("jalan");
  });

  it("expands slang to several words when the data says so", () => {
    expect(expandSlang("rs")).toEqual(["rumah", "sakit"]);
    expect(expandSlang("gaaaak")).toEqual(["tidak"]);
  });

  it("splits numbers glued to words and treats a trailing 2 as reduplication", () => {
    expect(cleanText("rt05 rw3 jalan2 3kg")).toBe("rt 05 rw 3 jalan jalan 3 kg");
  });
});

describe("extractFeatures", () => {
  it("keeps negations and drops function words", () => {
    expect(isStopword("yang")).toBe(true);
    expect(isStopword("tidak")).toBe(false);
    expect(isStopword("belum")).toBe(false);
    const { features } = extractFeatures("air di rumah saya tidak mengalir");
    expect(features).toContain("tidak");
    expect(features).not.toContain("saya");
    expect(features).not.toContain("di");
  });

  it("stems, and pairs neighbouring content words", () => {
    const { stems, features, surface } = extractFeatures("jalanan berlubang");
    expect(stems).toEqual(["jalan", "lubang"]);
    expect(features).toEqual(["jalan", "lubang", "jalan_lubang"]);
    expect(surface.get("lubang")).toBe("berlubang");
  });
});
