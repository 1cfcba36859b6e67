// Which engine a DATABASE_URL names: `postgresql://` (or `postgres://`) is PostgreSQL, anything else a SQLite file.
export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}
