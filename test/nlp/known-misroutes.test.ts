// The three wrong suggestions found by trying the built-in knowledge (issue 16), each in several
// wordings citizens use, so the fix is about the kind of complaint and not one sentence.
import { describe, expect, it } from "vitest";
import { loadAgencyCatalog } from "../../nlp/agency-catalog.js";
import { createAgencyClassifier } from "../../nlp/agency-classifier.js";

const classifier = createAgencyClassifier(loadAgencyCatalog());

const cases: { agency: string; why: string; texts: string[] }[] = [
  {
    agency: "INSPEKTORAT",
    why: "an official asking a citizen for money is misconduct, whichever office it happens in",
    texts: [
      "oknum kelurahan minta uang Rp 500 ribu",
      "pak lurah dan stafnya minta duit 300rb buat urus surat pindah",
      "petugas desa meminta uang pelicin supaya surat cepat jadi",
      "urus KK di desa dimintain duit 100rb sm perangkatnya, katanya uang administrasi",
    ],
  },
  {
    agency: "DISPERKIM",
    why: "a cracked or leaning tree is about the tree (pohon peneduh), not the road it may fall on",
    texts: [
      "pohon besar di pinggir jalan sudah retak mau tumbang ke jalan",
      "pohon mahoni di tepi jalan batangnya retak hampir roboh",
      "ada pohon retak miring ke jalan raya takut tumbang nimpa pengendara",
      "min itu pohon depan sd retak bawahnya, klo ujan angin bs ambruk ke jln",
    ],
  },
  {
    agency: "DISTAN",
    why: "stray dogs that bite and a fear of rabies are animal health (keswan), not an animal rescue",
    texts: [
      "banyak anjing liar menggigit warga takut rabies",
      "anjing liar berkeliaran sudah gigit 2 anak, khawatir rabies",
      "warga digigit anjing liar, minta anjingnya diperiksa",
      "asu liar nang kampung nyokot bocah, wedi rabies pak",
    ],
  },
];

describe("known wrong suggestions of the built-in knowledge", () => {
  for (const { agency, why, texts } of cases) {
    it(`${agency}: ${why}`, () => {
      for (const text of texts) expect(classifier.classify(text).top[0]?.agency, text).toBe(agency);
    });
  }
});
