/**
 * Thins a series to at most about four points per pixel column (first, min, max, last of each
 * column), so a 10-minute run sampled every 100 ms draws the same picture as all its points,
 * spikes included, in a fraction of the SVG size.
 */
export function decimatePoints(points: ReadonlyArray<[number, number]>, toPixel: (t: number) => number): Array<[number, number]> {
  const columns = new Map<number, Array<[number, number]>>();
  for (const point of points) {
    const column = Math.round(toPixel(point[0]));
    const bucket = columns.get(column);
    if (bucket) bucket.push(point);
    else columns.set(column, [point]);
  }
  if (columns.size * 4 >= points.length) return [...points];
  const out: Array<[number, number]> = [];
  for (const bucket of columns.values()) {
    if (bucket.length <= 4) {
      out.push(...bucket);
      continue;
    }
    let min = bucket[0]!;
    let max = bucket[0]!;
    for (const p of bucket) {
      if (p[1] < min[1]) min = p;
      if (p[1] > max[1]) max = p;
    }
    const kept = new Set([bucket[0]!, min, max, bucket.at(-1)!]);
    out.push(...[...kept].sort((a, b) => a[0] - b[0]));
  }
  return out;
}
