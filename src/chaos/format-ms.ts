/** "850 ms", "1.23 s", "95.0 s": durations for reasons and logs; the record keeps numbers. */
export function formatMs(ms: number): string {
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  return `${(ms / 1_000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}
