// The Prisma client types every repository takes: the generated SQLite client's, which the PostgreSQL
// client is cast to (db/postgres/open.ts). Kept apart from database.ts, which opens engines and so
// imports the repositories' users: repositories import these types from here.
import type { PrismaClient } from "@prisma/client";

export type { PrismaClient } from "@prisma/client";
/** The transaction a unit of work runs in (db/transactions.ts); repositories take it, or the client inside db/. */
export type Db = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;
