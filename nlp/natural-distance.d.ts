// Types for natural's edit-distance submodule (imported alone, see natural-modules.d.ts for why).
declare module "natural/lib/natural/distance/levenshtein_distance.js" {
  export function DamerauLevenshteinDistance(source: string, target: string): number;
}
