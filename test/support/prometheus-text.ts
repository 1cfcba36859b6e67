// A strict reader of the Prometheus text exposition format (0.0.4), so a test fails on any line a
// scraper would reject: every sample belongs to a family declared by # TYPE, names and labels are
// well formed, values are numbers, histogram buckets are cumulative and end with +Inf.
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})?\s+(\S+)(\s+-?\d+)?$/;
const LABEL = /\s*([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"\s*(,|$)/y;
const SUFFIXES = ["_bucket", "_sum", "_count", "_total", "_created"];

// Prometheus reads values with Go's ParseFloat: Inf and NaN in any case (prom-client prints "Nan" for an
// event-loop lag with no samples yet).
function parseValue(text: string): number {
  if (/^\+?inf$/i.test(text)) return Infinity;
  if (/^-inf$/i.test(text)) return -Infinity;
  if (/^nan$/i.test(text)) return NaN;
  if (!/^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(text)) throw new Error(`not a number: ${text}`);
  return Number(text);
}

export function parsePrometheusText(text: string): { types: Map<string, string>; samples: Sample[] } {
  const types = new Map<string, string>();
  const samples: Sample[] = [];
  for (const [index, line] of text.split("\n").entries()) {
    if (line === "") continue;
    const fail = (why: string) => new Error(`line ${index + 1}: ${why}: ${line}`);
    if (line.startsWith("#")) {
      const meta = /^# (HELP|TYPE) (\S+)(?: (.*))?$/.exec(line);
      if (!meta) continue;
      if (!NAME.test(meta[2] ?? "")) throw fail("bad metric name");
      if (meta[1] === "TYPE") {
        if (!["counter", "gauge", "histogram", "summary", "untyped"].includes(meta[3] ?? "")) throw fail("bad type");
        types.set(meta[2] ?? "", meta[3] ?? "");
      }
      continue;
    }
    const match = SAMPLE.exec(line);
    if (!match) throw fail("not a sample");
    const name = match[1] ?? "";
    const labels: Record<string, string> = {};
    const body = match[3] ?? "";
    LABEL.lastIndex = 0;
    while (LABEL.lastIndex < body.length) {
      const label = LABEL.exec(body);
      if (!label) throw fail("bad labels");
      labels[label[1] ?? ""] = (label[2] ?? "").replace(/\\(.)/g, (_m, c: string) => (c === "n" ? "\n" : c));
    }
    const family = types.has(name)
      ? name
      : SUFFIXES.map((s) => (name.endsWith(s) ? name.slice(0, -s.length) : "")).find((f) => types.has(f));
    if (!family) throw fail("sample without # TYPE");
    samples.push({ name, labels, value: parseValue(match[4] ?? "") });
  }
  // Histogram buckets: cumulative per label set, ending with +Inf equal to _count.
  const series = new Map<string, Sample[]>();
  for (const sample of samples.filter((s) => s.name.endsWith("_bucket"))) {
    const { le, ...rest } = sample.labels;
    if (le === undefined) throw new Error(`bucket without le: ${sample.name}`);
    const key = `${sample.name}${JSON.stringify(rest)}`;
    series.set(key, [...(series.get(key) ?? []), sample]);
  }
  for (const [key, buckets] of series) {
    for (let i = 1; i < buckets.length; i += 1) {
      if ((buckets[i]?.value ?? 0) < (buckets[i - 1]?.value ?? 0)) throw new Error(`buckets not cumulative: ${key}`);
    }
    if (buckets.at(-1)?.labels.le !== "+Inf") throw new Error(`last bucket is not +Inf: ${key}`);
  }
  return { types, samples };
}

/** The value of one sample, matching all the given labels; undefined when absent. */
export function sampleValue(samples: Sample[], name: string, labels: Record<string, string> = {}): number | undefined {
  return samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;
}
