// What waits for a citizen's plain reply, as SQL conditions on a complaint aliased `c`: defined once,
// used by the hot path's cheap check (db/sql-store.ts) and by the exact reads (db/complaint-repository.ts).
import { OPEN_STATUSES, STATUS } from "./complaint-statuses.js";

const quoted = (values: readonly string[]): string => values.map((value) => `'${value}'`).join(", ");

/** An officer's question (/tanya) waits for the reporter's answer: asked, and the complaint still open. */
export const QUESTION_PENDING_SQL = `c."pendingQuestionBy" IS NOT NULL AND c."status" IN (${quoted(OPEN_STATUSES)})`;

/** A finished complaint still lacks the reporter's rating or answer to "sudah beres?". */
export const FEEDBACK_PENDING_SQL = `c."status" = '${STATUS.SELESAI}' AND (c."rating" IS NULL OR c."citizenSatisfied" IS NULL)`;
