// Raw SQL that runs on either engine's client. Constant SQL pieces (a rule defined once, a row's
// parentheses) are spliced into the query text and only values become parameters, so each client
// places its own placeholders; a Prisma.raw or Prisma.sql made by one generated client is a plain
// value to the other's, which is why they are not used here.
import type { Db } from "./client.js";

/** A constant piece of SQL text (never built from input). */
export class SqlText {
  constructor(readonly text: string) {}
}

export const sqlText = (text: string): SqlText => new SqlText(text);

/** Joins pieces (SqlText or values) with a constant separator: rows of a multi-row VALUES list. */
export function joinSql(items: readonly unknown[][], separator = ", "): unknown[] {
  return items.flatMap((item, index) => (index === 0 ? item : [sqlText(separator), ...item]));
}

function template(strings: TemplateStringsArray, pieces: readonly unknown[]): [TemplateStringsArray, unknown[]] {
  const parts = [strings[0] ?? ""];
  const values: unknown[] = [];
  const flat = pieces.flatMap((piece, index) => [piece, sqlText(strings[index + 1] ?? "")]);
  for (const piece of flat) {
    if (piece instanceof SqlText) parts[parts.length - 1] += piece.text;
    else if (Array.isArray(piece)) {
      // Pieces nest (a clause of joined rows): every level is spliced or bound the same way.
      for (const inner of piece.flat(Infinity)) {
        if (inner instanceof SqlText) parts[parts.length - 1] += inner.text;
        else {
          values.push(inner);
          parts.push("");
        }
      }
    } else {
      values.push(piece);
      parts.push("");
    }
  }
  return [Object.assign(parts, { raw: [...parts] }) as unknown as TemplateStringsArray, values];
}

/** queryRows<Row>(db)`SELECT ...`: values become parameters, SqlText (or joinSql's pieces) is spliced in. */
export function queryRows<T>(db: Db): (strings: TemplateStringsArray, ...pieces: unknown[]) => Promise<T[]> {
  return (strings, ...pieces) => {
    const [text, values] = template(strings, pieces);
    return db.$queryRaw<T[]>(text, ...values);
  };
}

/** executeSql(db)`INSERT ...`: resolves to the rows changed. */
export function executeSql(db: Db): (strings: TemplateStringsArray, ...pieces: unknown[]) => Promise<number> {
  return (strings, ...pieces) => {
    const [text, values] = template(strings, pieces);
    return db.$executeRaw(text, ...values);
  };
}
