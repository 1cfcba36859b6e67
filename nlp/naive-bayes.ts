// A small multinomial naive Bayes over stem features. natural's BayesClassifier walks its whole
// vocabulary for every document (far below 10k/s); this one only looks up the document's features.

/** Serializable counts: what training produces and model.json stores. */
export interface NaiveBayesCounts {
  classes: string[];
  /** Training documents per class. */
  docs: number[];
  /** feature -> flat [classIndex, count, classIndex, count, ...]. */
  features: Record<string, number[]>;
}

export interface NaiveBayesModel {
  classes: string[];
  /** Log prior plus the summed log-likelihood of the known features, per class; and how many were known. */
  score(features: string[]): { logits: Float64Array; known: number };
  /** log P(feature | class), or undefined for a feature never seen in training. */
  featureLogProbs(feature: string): Float64Array | undefined;
}

export function countFeatures(examples: { features: string[]; label: string }[]): NaiveBayesCounts {
  const classes = [...new Set(examples.map((example) => example.label))].sort();
  const index = new Map(classes.map((code, i) => [code, i]));
  const docs = classes.map(() => 0);
  const table = new Map<string, number[]>();
  for (const { features, label } of examples) {
    const c = index.get(label) as number;
    docs[c] = (docs[c] ?? 0) + 1;
    for (const feature of features) {
      let row = table.get(feature);
      if (!row) {
        row = classes.map(() => 0);
        table.set(feature, row);
      }
      row[c] = (row[c] ?? 0) + 1;
    }
  }
  const features: Record<string, number[]> = {};
  for (const [feature, row] of [...table.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const flat: number[] = [];
    row.forEach((count, c) => {
      if (count > 0) flat.push(c, count);
    });
    features[feature] = flat;
  }
  return { classes, docs, features };
}

export function compileNaiveBayes(counts: NaiveBayesCounts, alpha: number): NaiveBayesModel {
  const k = counts.classes.length;
  const featureNames = Object.keys(counts.features);
  const vocabulary = featureNames.length;
  const totals = new Float64Array(k);
  for (const name of featureNames) {
    const flat = counts.features[name] as number[];
    for (let j = 0; j < flat.length; j += 2) {
      const c = flat[j] as number;
      totals[c] = (totals[c] as number) + (flat[j + 1] as number);
    }
  }
  const totalDocs = counts.docs.reduce((sum, n) => sum + n, 0) || 1;
  const priors = new Float64Array(k);
  const unseen = new Float64Array(k);
  for (let c = 0; c < k; c++) {
    priors[c] = Math.log(((counts.docs[c] ?? 0) + 1) / (totalDocs + k));
    unseen[c] = Math.log(alpha / ((totals[c] as number) + alpha * vocabulary));
  }
  const table = new Map<string, Float64Array>();
  for (const name of featureNames) {
    const row = Float64Array.from(unseen);
    const flat = counts.features[name] as number[];
    for (let j = 0; j < flat.length; j += 2) {
      const c = flat[j] as number;
      row[c] = Math.log(((flat[j + 1] as number) + alpha) / ((totals[c] as number) + alpha * vocabulary));
    }
    table.set(name, row);
  }
  return {
    classes: counts.classes,
    score(features) {
      const logits = Float64Array.from(priors);
      let known = 0;
      for (const feature of features) {
        const row = table.get(feature);
        if (!row) continue;
        known++;
        for (let c = 0; c < k; c++) logits[c] = (logits[c] as number) + (row[c] as number);
      }
      return { logits, known };
    },
    featureLogProbs: (feature) => table.get(feature),
  };
}
