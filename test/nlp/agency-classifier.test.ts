import { describe, expect, it } from "vitest";
import { loadAgencyCatalog, catalogFrom } from "../../nlp/agency-catalog.js";
import { createAgencyClassifier } from "../../nlp/agency-classifier.js";
import { COORDINATOR_CODE } from "../../nlp/classification.js";
import { loadModel, modelInputsHash, MODEL_FILE, readLabeledTexts, TRAINING_FILE } from "../../nlp/classifier-model.js";
import { evaluateClassifier, readEvalCases } from "../../nlp/evaluate.js";

const catalog = loadAgencyCatalog();
const classifier = createAgencyClassifier(catalog);

describe("accuracy on the held-out evaluation set", () => {
  const cases = readEvalCases();
  const report = evaluateClassifier(classifier, cases);

  it("is a real evaluation set: >= 300 complaints, every agency, the hard cases, none from training", () => {
    expect(cases.length).toBeGreaterThanOrEqual(300);
    const codes = new Set(cases.map((item) => item.agency));
    for (const agency of catalog.agencies) expect(codes.has(agency.code)).toBe(true);
    for (const tag of ["short", "slang", "long", "two"]) expect(report.byTag[tag]?.total ?? 0).toBeGreaterThanOrEqual(20);
    const training = new Set(readLabeledTexts(TRAINING_FILE).map((item) => item.text.toLowerCase()));
    expect(cases.filter((item) => training.has(item.text.toLowerCase()))).toEqual([]);
  });

  it("reaches top-1 >= 0.90 and top-3 >= 0.97", () => {
    expect(report.top1).toBeGreaterThanOrEqual(0.9);
    expect(report.top3).toBeGreaterThanOrEqual(0.97);
  });
});

describe("the trained model", () => {
  it("is committed fresh: model.json matches the current corpus, slang and stopwords", () => {
    const { model, fresh } = loadModel();
    expect({ file: MODEL_FILE, hash: model.inputsHash, fresh }).toEqual({
      file: MODEL_FILE,
      hash: modelInputsHash(),
      fresh: true,
    });
    expect(model.counts.classes).toEqual(catalog.agencies.map((agency) => agency.code).sort());
  });

  it("has at least 40 training complaints for every agency", () => {
    const counts = new Map<string, number>();
    for (const { agency } of readLabeledTexts(TRAINING_FILE)) counts.set(agency, (counts.get(agency) ?? 0) + 1);
    for (const agency of catalog.agencies) expect(counts.get(agency.code) ?? 0).toBeGreaterThanOrEqual(40);
  });
});

describe("classify", () => {
  it("returns three ranked agencies with calibrated scores and the deciding words", () => {
    const result = classifier.classify("jln dpn sklh berlubang besar, udh 2 minggu blm ditambal");
    expect(result.agency).toBe("DPUPR");
    expect(result.top).toHaveLength(3);
    expect(result.top[0]?.agency).toBe("DPUPR");
    expect(result.confidence).toBe(result.top[0]?.score);
    const scores = result.top.map((entry) => entry.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    for (const score of scores) expect(score).toBeGreaterThanOrEqual(0);
    expect(scores.reduce((sum, s) => sum + s, 0)).toBeLessThanOrEqual(1.02);
    expect(result.keywords).toContain("berlubang");
    expect(result.top.map((entry) => entry.agency)).not.toContain(COORDINATOR_CODE);
  });

  it("reads a multi-word phrase before its words: 'lampu jalan' is not 'jalan'", () => {
    const result = classifier.classify("lampu jalan di gang kami mati sudah seminggu");
    expect(result.agency).toBe("DISPERKIM");
    expect(result.keywords[0]).toBe("lampu jalan");
  });

  it.each([["asdfgh qwerty zxcv"], ["halo"], [""], ["..."]])("sends gibberish or empty text (%j) to the coordinator", (text) => {
    const result = classifier.classify(text);
    expect(result.agency).toBe(COORDINATOR_CODE);
    expect(result.confidence).toBeLessThan(0.45);
    expect(result.top).toHaveLength(3);
  });

  it("sends a confident guess to the coordinator when the threshold is above it", () => {
    const text = "ada masalah di kantor, pelayanannya lambat";
    const loose = createAgencyClassifier(catalog, { threshold: 0 }).classify(text);
    const strict = createAgencyClassifier(catalog, { threshold: 0.999 }).classify(text);
    expect(loose.agency).not.toBe(COORDINATOR_CODE);
    expect(strict.agency).toBe(COORDINATOR_CODE);
    expect(strict.top).toEqual(loose.top);
  });

  it.each([
    ["kebakaran di gang melati, api sudah besar", true],
    ["banjir masuk rumah setinggi lutut", true],
    ["ada kecelakaan motor di perempatan, korbannya pingsan", true],
    ["kabel listrik putus jatuh ke jalan", true],
    ["pohon tumbang menutup jalan", true],
    ["sudah tidak banjir lagi tapi lumpurnya belum dibersihkan", false],
    ["tetangga bakar sampah tiap sore", false],
    ["ktp saya belum jadi tiga bulan", false],
  ])("urgent flag: %s -> %s", (text, urgent) => {
    expect(classifier.classify(text).urgent).toBe(urgent);
  });

  it.each([
    ["jalan depan rumah rusak parah tolong diperbaiki", "pengaduan"],
    ["bagaimana cara mengurus akta kelahiran?", "permintaan_informasi"],
    ["syarat bikin kk baru apa aja min", "permintaan_informasi"],
    ["kapan pupuk subsidi datang ke kios", "permintaan_informasi"],
    ["usul dibangun taman bermain anak di kelurahan kami", "aspirasi"],
    ["saran saya jam layanan puskesmas ditambah sampai sore", "aspirasi"],
    ["jalan rusak tidak diperbaiki, semoga cepat ditangani", "pengaduan"],
    // A grievance asked as a question is still a complaint: "padahal", "kok".
    ["min anak sy ga keterima sekolah negeri padahal rumah deket bgt, zonasi nya gmn sih?", "pengaduan"],
    ["kok jalan depan pasar belum diperbaiki juga?", "pengaduan"],
  ])("report type: %s -> %s", (text, type) => {
    expect(classifier.classify(text).type).toBe(type);
  });

  it("routes an agency added by AGENCIES_FILE by its keywords, though the model never saw it", () => {
    const extended = catalogFrom([
      ...catalog.agencies,
      {
        code: "DISPARBUD",
        name: "Dinas Pariwisata dan Kebudayaan",
        shortName: "Disparbud",
        aliases: [],
        scope: "",
        keywords: ["wisata", "museum"],
        phrases: ["objek wisata"],
      },
    ]);
    const result = createAgencyClassifier(extended).classify(
      "tiket objek wisata air terjun naik dua kali lipat, museum kota juga tutup",
    );
    expect(result.agency).toBe("DISPARBUD");
    expect(result.keywords).toContain("objek wisata");
  });

  it("keeps the KOORDINATOR answer for a complaint that mentions nothing routable", () => {
    expect(classifier.classify("saya kecewa sekali dengan semuanya").agency).toBe(COORDINATOR_CODE);
  });
});
