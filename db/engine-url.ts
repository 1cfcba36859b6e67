// Which engine a DATABASE_URL names: `postgresql://` (or `postgres://`) is PostgreSQL, anything else a SQLite file.
/** The engines behind DATABASE_URL. */
export type Engine = "sqlite" | "postgresql";

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}
