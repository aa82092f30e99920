const MAX_LISTED = 12;

/** Edit distance, so the names closest to a typo are listed first. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(above + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

/**
 * `network "k2-network" not found; the project has "k2-net"`: the missing name and what exists
 * instead, nearest first, so the reader sees the likely intended name at once.
 */
export function describeMissing(what: string, name: string, where: string, existing: readonly string[]): string {
  const unique = [...new Set(existing)];
  if (unique.length === 0) return `${what} "${name}" not found; ${where} has none`;
  // A name containing the wanted one (or contained in it) is the likeliest intent: rank it first.
  const related = (n: string): number => (n.includes(name) || name.includes(n) ? 0 : 1);
  const ranked = unique.sort((a, b) => related(a) - related(b) || distance(name, a) - distance(name, b) || a.localeCompare(b));
  const shown = ranked.slice(0, MAX_LISTED).map((n) => `"${n}"`).join(', ');
  const more = ranked.length > MAX_LISTED ? ` and ${ranked.length - MAX_LISTED} more` : '';
  return `${what} "${name}" not found; ${where} has ${shown}${more}`;
}
