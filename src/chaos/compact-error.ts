/** A test error as one line for a reason: colours stripped, the first few lines joined. */
export function compactError(text: string): string {
  const lines = text
    .replace(/\u001b\[[0-9;]*m/g, '')
    .split('\n')
    .map((l) => l.trim().replace(/^Error: /, ''))
    .filter(Boolean);
  const joined = lines.slice(0, 3).join('; ');
  return joined.length > 300 ? `${joined.slice(0, 297)}...` : joined;
}
