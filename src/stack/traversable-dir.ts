import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/**
 * `dir` when every existing folder above it lets other users through (o+x); otherwise a folder of
 * the same name's hash under the system temp folder. PostgreSQL and ClickHouse run as their own
 * users and must reach their data inside the run folder: a checkout under a private home folder
 * (0700) would make initdb fail with "Permission denied".
 */
export function traversableDir(dir: string): string {
  const absolute = resolve(dir);
  for (let at = dirname(absolute); ; at = dirname(at)) {
    try {
      if ((statSync(at).mode & 0o001) === 0) return join(tmpdir(), `k2-chaos-${createHash('sha1').update(absolute).digest('hex').slice(0, 12)}`);
    } catch {
      // Not created yet: its parent decides.
    }
    if (dirname(at) === at) return absolute;
  }
}
