// What the dialog needs to understand a message (classifier, places, dates, agency names, new ids),
// passed in by the composition root so the reading stays pure and testable.
import type { Classification } from "../nlp/classification.js";
import type { DateParse } from "../nlp/indonesian-dates.js";
import type { NewForm } from "./complaint-context.js";
import type { AgencyNames } from "./complaint-questions.js";

export interface InputReaders {
  classify(text: string): Classification;
  regionHint(text: string): string | undefined;
  parseDate(text: string): DateParse;
  /** The first incident date a story mentions (YYYY-MM-DD), relative to the citizen's today. */
  findDate(text: string): string | undefined;
  /** Resolves what a citizen typed as an agency ("dlh", "BPN", "dinas perumahan") to its code. */
  agencyCode(text: string): string | undefined;
  names: AgencyNames;
  newForm(): NewForm;
  /** Ids for photos kept with the form (the runner stores the bytes under it). */
  newId(): string;
}
