/** `clickhouse/clickhouse-server:24.3-alpine` -> `24.3-alpine`; an untagged or digest image as given. */
export function imageVersion(image: string): string {
  const name = image.split('@')[0]!;
  const colon = name.lastIndexOf(':');
  return colon > name.lastIndexOf('/') ? name.slice(colon + 1) : image;
}
