const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * A ClickHouse identifier taken from a manifest. Names are checked rather than quoted so that the
 * same text works on 18.16 and 24.x and a typo fails here, naming the setting, not deep in DDL.
 */
export function sqlIdentifier(name: string, what: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`${what} must be a plain ClickHouse identifier ([A-Za-z_][A-Za-z0-9_]*), got ${JSON.stringify(name)}`);
  return name;
}

/** A single-quoted ClickHouse string literal. */
export function sqlString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}
