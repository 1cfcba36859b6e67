import { describe, expect, it } from "vitest";
import { createRegionMatcher, dottedRegionCode } from "../../nlp/region-hints.js";

describe("createRegionMatcher (idn-area-data)", () => {
  const bandung = createRegionMatcher("3273");

  it("finds a kelurahan with its kecamatan and kota in the label", () => {
    expect(bandung.find("sampah di cipedes menumpuk")).toEqual([
      { level: "kelurahan", name: "Cipedes", code: "32.73.07.1002", label: "Kel. Cipedes, Kec. Sukajadi, Kota Bandung" },
    ]);
  });

  it("finds a kecamatan and the kota, most specific first", () => {
    const hints = bandung.find("lampu mati di Kecamatan Coblong, Kota Bandung");
    expect(hints.map((hint) => [hint.level, hint.name])).toEqual([
      ["kecamatan", "Coblong"],
      ["kota", "Kota Bandung"],
    ]);
  });

  it("matches multi-word names and ignores case and punctuation", () => {
    const hints = bandung.find("jalan rusak di LEBAK SILIWANGI!!");
    expect(hints[0]).toMatchObject({ level: "kelurahan", name: "Lebak Siliwangi" });
  });

  it("uses a 'kel.'/'kec.' prefix to choose between same-named areas", () => {
    expect(bandung.find("di kec. sukajadi")[0]).toMatchObject({ level: "kecamatan", name: "Sukajadi" });
  });

  it("does not take an ordinary word for a place unless a prefix says so", () => {
    // "Isola" is a kelurahan in Bandung and not a common word; "Pasar"-like words need "kel."/"desa".
    expect(bandung.find("lubang di jalan dekat pasar")).toEqual([]);
    expect(bandung.find("rumah di isola banjir")[0]).toMatchObject({ name: "Isola" });
  });

  it("stays inside the configured region", () => {
    // Dayeuhkolot is in Kabupaten Bandung (32.04), not in Kota Bandung.
    expect(bandung.find("banjir di dayeuhkolot")).toEqual([]);
    const province = createRegionMatcher("32");
    expect(province.find("banjir di kec. dayeuhkolot kab bandung").map((hint) => hint.label)).toEqual([
      "Kec. Dayeuhkolot, Kabupaten Bandung",
      "Kabupaten Bandung",
    ]);
  });

  it("gives no hints without a region, and rejects an unknown region code", () => {
    expect(createRegionMatcher(undefined).find("cipedes coblong bandung")).toEqual([]);
    expect(() => createRegionMatcher("9999")).toThrow(/REGION_CODE 9999/);
  });

  it("accepts dotted and undotted codes", () => {
    expect(dottedRegionCode("3273")).toBe("32.73");
    expect(dottedRegionCode("32.73")).toBe("32.73");
    expect(dottedRegionCode("32")).toBe("32");
    expect(createRegionMatcher("32.73").find("cipedes")[0]?.code).toBe("32.73.07.1002");
  });
});
