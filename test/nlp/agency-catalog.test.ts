import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DEFAULT_AGENCIES_FILE, loadAgencyCatalog } from "../../nlp/agency-catalog.js";

const CODES = [
  "DPUPR",
  "DISPERKIM",
  "DLH",
  "DISHUB",
  "DISDUKCAPIL",
  "DISDIK",
  "DINKES",
  "DINSOS",
  "SATPOLPP",
  "PDAM",
  "PLN",
  "BPJSKES",
  "BPJSTK",
  "POLRI",
  "DISNAKER",
  "DPMPTSP",
  "BAPENDA",
  "DISKOMINFO",
  "DISPERINDAG",
  "BPBD",
  "DAMKAR",
  "KECAMATAN",
  "INSPEKTORAT",
  "BKPSDM",
  "KEMENAG",
  "ATRBPN",
  "SAMSAT",
  "DISTAN",
];

const dir = mkdtempSync(path.join(tmpdir(), "lapor-catalog-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, content: unknown) => {
  const target = path.join(dir, name);
  writeFileSync(target, typeof content === "string" ? content : JSON.stringify(content));
  return target;
};

describe("default catalog", () => {
  const catalog = loadAgencyCatalog();

  it("has exactly the 28 agreed codes, with full names and data", () => {
    expect(catalog.agencies.map((agency) => agency.code).sort()).toEqual([...CODES].sort());
    for (const agency of catalog.agencies) {
      expect(agency.name.length).toBeGreaterThan(3);
      expect(agency.shortName).not.toBe("");
      expect(agency.scope).not.toBe("");
      expect(agency.keywords.length + agency.phrases.length).toBeGreaterThanOrEqual(10);
    }
    expect(catalog.byCode("DPUPR")?.name).toBe("Dinas Pekerjaan Umum dan Penataan Ruang");
    expect(catalog.byCode("dpupr")?.code).toBe("DPUPR");
    expect(catalog.byCode("KOORDINATOR")).toBeUndefined();
  });

  it.each([
    ["BPN", "ATRBPN"],
    ["dukcapil", "DISDUKCAPIL"],
    ["dinas perumahan", "DISPERKIM"],
    ["Kelurahan", "KECAMATAN"],
    ["puskesmas", "DINKES"],
    ["satpol", "SATPOLPP"],
    ["Satpol PP.", "SATPOLPP"],
    ["Dinas Perhubungan Kota Malang", "DISHUB"],
    ["DLH Kab. Bogor", "DLH"],
    ["dinas kependudukan dan pencatatan sipil kabupaten purbalingga", "DISDUKCAPIL"],
    ["ATR/BPN", "ATRBPN"],
  ])("resolves %s by code, name or alias to %s", (typed, code) => {
    expect(catalog.byName(typed)?.code).toBe(code);
  });

  it.each(["", "dinas", "kota malang", "jalan rusak", "pak"])("does not resolve %j to an agency", (typed) => {
    expect(catalog.byName(typed)).toBeUndefined();
  });

  it("gives no alias to two agencies", () => {
    const owners = new Map<string, string>();
    for (const agency of catalog.agencies)
      for (const alias of agency.aliases) {
        expect(owners.get(alias), alias).toBeUndefined();
        owners.set(alias, agency.code);
      }
  });

  it("passes the same validation an operator's file gets", () => {
    // Loading the default file as an override runs it through the zod schema.
    expect(loadAgencyCatalog(DEFAULT_AGENCIES_FILE).agencies).toHaveLength(28);
  });
});

describe("AGENCIES_FILE override", () => {
  it("replaces agencies with the same code in place and appends new ones", () => {
    const override = file("override.json", [
      {
        code: "DISPERKIM",
        name: "Dinas Perumahan, Kawasan Permukiman dan Pertanahan",
        shortName: "Disperkimtan",
        keywords: ["pju"],
      },
      { code: "DISPARBUD", name: "Dinas Pariwisata dan Kebudayaan", keywords: ["wisata", "museum"], phrases: ["objek wisata"] },
    ]);
    const catalog = loadAgencyCatalog(override);
    expect(catalog.agencies).toHaveLength(29);
    const index = catalog.agencies.findIndex((agency) => agency.code === "DISPERKIM");
    expect(index).toBe(CODES.indexOf("DISPERKIM"));
    expect(catalog.byCode("DISPERKIM")).toMatchObject({ shortName: "Disperkimtan", keywords: ["pju"], phrases: [], scope: "" });
    expect(catalog.byCode("DISPARBUD")).toMatchObject({
      name: "Dinas Pariwisata dan Kebudayaan",
      shortName: "Dinas Pariwisata dan Kebudayaan",
    });
    expect(catalog.agencies.at(-1)?.code).toBe("DISPARBUD");
  });

  it("accepts the { agencies: [...] } form too", () => {
    const catalog = loadAgencyCatalog(
      file("wrapped.json", { agencies: [{ code: "DISPORA", name: "Dinas Pemuda dan Olahraga" }] }),
    );
    expect(catalog.byCode("DISPORA")?.name).toBe("Dinas Pemuda dan Olahraga");
  });

  it.each([
    ["broken JSON", "not json {", /cannot read JSON/],
    ["a lowercase code", [{ code: "dpupr", name: "Dinas PU" }], /0\.code: kode harus huruf besar/],
    ["a missing name", [{ code: "DPUPR" }], /0\.name/],
    ["the coordinator code", [{ code: "KOORDINATOR", name: "Koordinator" }], /KOORDINATOR bukan instansi/],
    ["a keyword that is not text", [{ code: "DLH", name: "Dinas LH", keywords: [5] }], /0\.keywords\.0/],
    [
      "a duplicate code",
      [
        { code: "DLH", name: "Dinas LH" },
        { code: "DLH", name: "Dinas LH 2" },
      ],
      /duplicate code DLH/,
    ],
  ])("rejects %s with an error naming the file and the problem", (_, content, problem) => {
    const target = file(`bad-${Math.random().toString(36).slice(2)}.json`, content);
    expect(() => loadAgencyCatalog(target)).toThrow(problem);
    expect(() => loadAgencyCatalog(target)).toThrow(target);
  });

  it("names a missing file", () => {
    const missing = path.join(dir, "nope.json");
    expect(() => loadAgencyCatalog(missing)).toThrow(missing);
  });
});
