// The agency catalog is data, not code: each pemda names its OPD differently, so a deployment overrides
// or extends the built-in catalog with its own JSON file (AGENCIES_FILE).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import type { z as zod } from "zod";
import { COORDINATOR_CODE, type Agency } from "./classification.js";

export interface AgencyCatalog {
  agencies: Agency[];
  byCode(code: string): Agency | undefined;
  /**
   * What a citizen or an old record names an agency: its code, short name, full name or an alias, in
   * any case, with punctuation and a trailing region ("Dinas Perhubungan Kota Malang") ignored.
   */
  byName(text: string): Agency | undefined;
}

// A region after the name is dropped: "Dishub Kota Malang", "DLH Kab. Bogor", "Dinas Sosial Provinsi Jawa Barat".
const TRAILING_REGION = /\s+(kota|kabupaten|kab|provinsi|prov|kec|kecamatan)(\s+\S+)*$/;

/** The lookup key of a name: lower case, punctuation as spaces (but "atr/bpn" keeps its slash), single spaces. */
export function agencyNameKey(text: string): string {
  return text
    .toLowerCase()
    .normalize("NFKC")
    .replace(/[^\p{L}\p{N}/]+/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
}

export const DEFAULT_AGENCIES_FILE = fileURLToPath(new URL("./data/agencies.json", import.meta.url));

function buildSchema(z: typeof zod) {
  const term = z.string().trim().min(1, "kata kunci kosong").max(80);
  const agency = z.object({
    code: z
      .string()
      .trim()
      .regex(/^[A-Z][A-Z0-9_]{1,31}$/, "kode harus huruf besar/angka/_ (2-32 karakter), mis. DPUPR")
      .refine((code) => code !== COORDINATOR_CODE, `${COORDINATOR_CODE} bukan instansi dan tidak boleh dipakai`),
    name: z.string().trim().min(3).max(200),
    shortName: z.string().trim().min(1).max(60).optional(),
    aliases: z.array(term).default([]),
    scope: z.string().trim().max(1000).default(""),
    keywords: z.array(term).default([]),
    phrases: z.array(term).default([]),
  });
  return z.array(agency);
}

let schema: ReturnType<typeof buildSchema> | undefined;

/** zod is loaded on first use: importing it costs ~100 ms, and the classifier must start in < 300 ms. */
function catalogSchema(): ReturnType<typeof buildSchema> {
  if (!schema) {
    const { z } = createRequire(import.meta.url)("zod") as { z: typeof zod };
    schema = buildSchema(z);
  }
  return schema;
}

type AgencyFile = zod.infer<ReturnType<typeof buildSchema>>;

/**
 * The shipped default is trusted (a test validates it with the same schema) so a start without
 * AGENCIES_FILE does not pay for zod; an operator's file is always validated.
 */
function readAgencies(file: string, trusted = false): Agency[] {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new Error(`Agency catalog ${file}: cannot read JSON: ${(error as Error).message}`);
  }
  // Either a bare array or { "agencies": [...] } so a file can carry other metadata later.
  const wrapped = typeof raw === "object" && raw !== null && !Array.isArray(raw) && "agencies" in raw;
  const body: unknown = wrapped ? (raw as { agencies: unknown }).agencies : raw;
  let list: AgencyFile;
  if (trusted) {
    list = body as AgencyFile;
  } else {
    const parsed = catalogSchema().safeParse(body);
    if (!parsed.success) {
      const where = (at: PropertyKey[]) => [...(wrapped ? ["agencies"] : []), ...at.map(String)].join(".") || "(root)";
      const problems = parsed.error.issues.map((issue) => `${where(issue.path)}: ${issue.message}`);
      throw new Error(`Agency catalog ${file} is invalid: ${problems.join("; ")}`);
    }
    list = parsed.data;
  }
  const seen = new Set<string>();
  return list.map((entry) => {
    if (seen.has(entry.code)) throw new Error(`Agency catalog ${file} is invalid: duplicate code ${entry.code}`);
    seen.add(entry.code);
    return {
      code: entry.code,
      name: entry.name,
      shortName: entry.shortName ?? entry.name,
      aliases: [...new Set((entry.aliases ?? []).map((a) => a.toLowerCase()))],
      scope: entry.scope,
      keywords: [...new Set(entry.keywords.map((k) => k.toLowerCase()))],
      phrases: [...new Set(entry.phrases.map((p) => p.toLowerCase()))],
    };
  });
}

export function catalogFrom(agencies: Agency[]): AgencyCatalog {
  const index = new Map(agencies.map((agency) => [agency.code, agency]));
  const names = new Map<string, Agency>();
  // Aliases first, so an agency's own code and names win over another agency's alias.
  for (const agency of agencies) for (const alias of agency.aliases) names.set(agencyNameKey(alias), agency);
  for (const agency of agencies)
    for (const key of [agency.code, agency.shortName, agency.name]) names.set(agencyNameKey(key), agency);
  const lookup = (key: string) => (key === "" ? undefined : names.get(key));
  return {
    agencies,
    byCode: (code) => index.get(code.trim().toUpperCase()),
    byName: (text) => {
      const key = agencyNameKey(text);
      return lookup(key) ?? lookup(key.replace(TRAILING_REGION, ""));
    },
  };
}

/**
 * The built-in catalog, with `overrideFile` (AGENCIES_FILE) applied: an agency with an existing code
 * replaces it in place, a new code is appended. Throws an Error naming the file on any problem.
 */
export function loadAgencyCatalog(overrideFile?: string): AgencyCatalog {
  const agencies = readAgencies(DEFAULT_AGENCIES_FILE, true);
  if (overrideFile) {
    for (const agency of readAgencies(overrideFile)) {
      const at = agencies.findIndex((existing) => existing.code === agency.code);
      if (at >= 0) agencies[at] = agency;
      else agencies.push(agency);
    }
  }
  return catalogFrom(agencies);
}
