/**
 * `clickhouse/clickhouse-server:24.3-alpine` -> `24.3-alpine`; an untagged or digest image as
 * given, and so is one whose tag says nothing of the version (`k2-chaos:local`, `redis:latest`).
 */
export function imageVersion(image: string): string {
  const name = image.split('@')[0]!;
  const colon = name.lastIndexOf(':');
  if (colon <= name.lastIndexOf('/')) return image;
  const tag = name.slice(colon + 1);
  return tag === 'local' || tag === 'latest' ? image : tag;
}
