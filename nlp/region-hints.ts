// Finds kelurahan/desa, kecamatan and kota/kabupaten names in a complaint, within the deployment's
// region (REGION_CODE), using the Kemendagri data shipped by idn-area-data. Only the region's rows are
// kept, and the big village file is read on the first lookup, not at start.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { isRootWord } from "./indonesian-stem.js";
import { cleanText } from "./normalize.js";

export interface RegionHint {
  level: "kelurahan" | "kecamatan" | "kota";
  name: string;
  code: string;
  /** Human-readable, e.g. "Kel. Sukajadi, Kec. Sukajadi, Kota Bandung". */
  label: string;
}

export interface RegionMatcher {
  find(text: string): RegionHint[];
}

interface NameEntry {
  words: string[];
  hint: RegionHint;
  /** A one-word name that is also an ordinary word ("pasar", "merdeka") needs "kel."/"kec." before it. */
  needsPrefix: boolean;
}

const LEVEL_ORDER: Record<RegionHint["level"], number> = { kelurahan: 0, kecamatan: 1, kota: 2 };
const PREFIX_WORDS: Record<string, RegionHint["level"]> = {
  kel: "kelurahan",
  kelurahan: "kelurahan",
  desa: "kelurahan",
  ds: "kelurahan",
  kampung: "kelurahan",
  gampong: "kelurahan",
  nagari: "kelurahan",
  kec: "kecamatan",
  kecamatan: "kecamatan",
  distrik: "kecamatan",
  kota: "kota",
  kab: "kota",
  kabupaten: "kota",
};

function dataDir(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve("idn-area-data")), "..", "data");
}

/** Rows of one idn-area-data CSV whose code starts with `prefix` (code is always the first column). */
function rows(file: string, prefix: string): string[][] {
  const out: string[][] = [];
  for (const line of readFileSync(path.join(dataDir(), file), "utf8").split("\n")) {
    if (!line.startsWith(prefix)) continue;
    // Names hold no commas in this data set, but some are quoted.
    out.push(
      line
        .trim()
        .split(",")
        .map((cell) => cell.replace(/^"|"$/g, "")),
    );
  }
  return out;
}

function titleCase(name: string): string {
  return name.toLowerCase().replace(/(^|[\s(/-])([a-z])/g, (_, lead: string, letter: string) => lead + letter.toUpperCase());
}

/** "3273" / "32.73" / "32" -> "32.73" / "32.73" / "32". */
export function dottedRegionCode(code: string): string {
  const digits = code.replace(/\D/g, "");
  const parts = [digits.slice(0, 2), digits.slice(2, 4), digits.slice(4, 6), digits.slice(6)].filter(Boolean);
  return parts.join(".");
}

function bareRegencyName(name: string): string {
  return name.replace(/^(kabupaten|kota)\s+/i, "").replace(/^adm\.?\s+/i, "");
}

function wordsOf(name: string): string[] {
  return cleanText(name).split(" ").filter(Boolean);
}

function buildIndex(region: string): Map<string, NameEntry[]> {
  const index = new Map<string, NameEntry[]>();
  const add = (name: string, hint: RegionHint) => {
    const words = wordsOf(name);
    const first = words[0];
    if (first === undefined) return;
    const needsPrefix = words.length === 1 && isRootWord(first);
    index.set(first, [...(index.get(first) ?? []), { words, hint, needsPrefix }]);
  };
  const province = region.slice(0, 2);
  const regencies = new Map<string, string>();
  for (const [code, , name] of rows("regencies.csv", `${province}.`)) {
    if (!code || !name || !(code.startsWith(region) || region.startsWith(code))) continue;
    const label = titleCase(name);
    regencies.set(code, label);
    add(bareRegencyName(name), { level: "kota", name: label, code, label });
  }
  const districts = new Map<string, string>();
  for (const [code, regency, name] of rows("districts.csv", `${province}.`)) {
    if (!code || !regency || !name || !code.startsWith(region)) continue;
    const label = `Kec. ${titleCase(name)}, ${regencies.get(regency) ?? regency}`;
    districts.set(code, label);
    add(name, { level: "kecamatan", name: titleCase(name), code, label });
  }
  for (const [code, district, name] of rows("villages.csv", `${province}.`)) {
    if (!code || !district || !name || !code.startsWith(region)) continue;
    const label = `Kel. ${titleCase(name)}, ${districts.get(district) ?? district}`;
    add(name, { level: "kelurahan", name: titleCase(name), code, label });
  }
  return index;
}

/** "kec. sukajadi" means the kecamatan even when a kelurahan has the same name; "kab bandung" the kabupaten. */
function preferPrefixed(entries: NameEntry[], prefix: string): NameEntry[] {
  const level = PREFIX_WORDS[prefix];
  if (!level) return entries;
  let narrowed = entries.filter((entry) => entry.hint.level === level);
  if (level === "kota") {
    const kind = prefix === "kota" ? "Kota " : "Kabupaten ";
    const exact = narrowed.filter((entry) => entry.hint.name.startsWith(kind));
    if (exact.length > 0) narrowed = exact;
  }
  return narrowed.length > 0 ? narrowed : entries;
}

/** Kelurahan/kecamatan/kota names in `text`, most specific first. No region code: never any hints. */
export function createRegionMatcher(regionCode: string | undefined): RegionMatcher {
  if (!regionCode) return { find: () => [] };
  const region = dottedRegionCode(regionCode);
  const province = region.slice(0, 2);
  const known =
    region.length === 2
      ? rows("provinces.csv", `${province},`).length > 0
      : rows("regencies.csv", `${region.slice(0, 5)},`).length > 0;
  if (!known) throw new Error(`REGION_CODE ${regionCode}: no such province or kabupaten/kota in idn-area-data`);
  let index: Map<string, NameEntry[]> | undefined;

  return {
    find(text) {
      index ??= buildIndex(region);
      const words = cleanText(text).split(" ").filter(Boolean);
      const found = new Map<string, { hint: RegionHint; at: number }>();
      for (let i = 0; i < words.length; i++) {
        const entries = index.get(words[i] as string);
        if (!entries) continue;
        const prefix = words[i - 1] ?? "";
        const matching = entries.filter(
          (entry) => entry.words.every((word, k) => words[i + k] === word) && (!entry.needsPrefix || prefix in PREFIX_WORDS),
        );
        for (const entry of preferPrefixed(matching, prefix)) {
          if (!found.has(entry.hint.code)) found.set(entry.hint.code, { hint: entry.hint, at: i });
        }
      }
      return [...found.values()]
        .sort((a, b) => LEVEL_ORDER[a.hint.level] - LEVEL_ORDER[b.hint.level] || a.at - b.at)
        .map((entry) => entry.hint);
    },
  };
}
