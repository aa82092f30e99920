/** Makes a cell safe for a GitHub-flavoured markdown table: pipes escaped, one line. */
export function markdownCell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\s*\r?\n\s*/g, ' ').trim();
}

/** A markdown table; cells are escaped, so callers pass plain text or inline markdown. */
export function markdownTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const line = (cells: readonly string[]) => `| ${cells.map(markdownCell).join(' | ')} |`;
  for (const [index, row] of rows.entries()) {
    if (row.length !== header.length) {
      throw new Error(`markdown table row ${index} has ${row.length} cells, the header has ${header.length}`);
    }
  }
  return [line(header), `|${header.map(() => '------').join('|')}|`, ...rows.map(line)].join('\n');
}
