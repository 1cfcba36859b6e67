// Result shapes of the Indonesian complaint classifier. Pure data, shared by the dialog, CLIs and eval.

/** Where a complaint goes when no agency is confident enough (No Wrong Door). */
export const COORDINATOR_CODE = "KOORDINATOR";

export type ReportType = "pengaduan" | "aspirasi" | "permintaan_informasi";

export interface Agency {
  /** Stable code, e.g. "DPUPR"; reports and staff registrations refer to it. */
  code: string;
  name: string;
  shortName: string;
  /** Other names citizens and old records use ("dukcapil", "BPN", "dinas perumahan"), lower case. */
  aliases: string[];
  scope: string;
  keywords: string[];
  phrases: string[];
}

export interface AgencyScore {
  agency: string;
  score: number;
}

export interface Classification {
  /** Best agency code, or COORDINATOR_CODE when below the confidence threshold. */
  agency: string;
  /** Calibrated confidence of the best agency, 0..1. */
  confidence: number;
  /** Up to three agencies, best first (never contains COORDINATOR_CODE). */
  top: AgencyScore[];
  type: ReportType;
  urgent: boolean;
  /** The words or phrases that decided it, for staff and for the CLI. */
  keywords: string[];
}

export interface AgencyClassifier {
  classify(text: string): Classification;
}
