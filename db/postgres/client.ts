// The PostgreSQL Prisma client, generated from db/postgres/schema.prisma into node_modules/.prisma/postgres
// (postinstall). Loaded with require: ESM refuses a package name starting with a dot, CommonJS does not.
import { createRequire } from "node:module";
import type * as Postgres from ".prisma/postgres";
import type * as Sqlite from "@prisma/client";

const load = createRequire(import.meta.url);
export const PostgresPrismaClient = (load(".prisma/postgres") as typeof Postgres).PrismaClient;
export type PostgresPrismaClient = Postgres.PrismaClient;

// Compile-time proof that both clients have the same models with the same columns: the rest of the code
// is typed against the SQLite client, and db/postgres/open.ts casts the PostgreSQL one to it.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Scalars<Map, M> = Map extends { model: Record<string, unknown> }
  ? M extends keyof Map["model"]
    ? Map["model"][M] extends { payload: { scalars: infer S } }
      ? S
      : never
    : never
  : never;
type ModelsMatch = {
  [M in Sqlite.Prisma.ModelName]: Same<Scalars<Sqlite.Prisma.TypeMap, M>, Scalars<Postgres.Prisma.TypeMap, M>>;
}[Sqlite.Prisma.ModelName];
export const sameModels: [Same<Sqlite.Prisma.ModelName, Postgres.Prisma.ModelName>, ModelsMatch] extends [true, true]
  ? true
  : false = true;
