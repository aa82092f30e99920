import { access, constants } from 'node:fs/promises';
import { delimiter, join } from 'node:path';

async function findBinary(name: string): Promise<boolean> {
  const candidates = name.includes('/') ? [name] : (process.env.PATH ?? '').split(delimiter).map((dir) => join(dir, name));
  for (const candidate of candidates) {
    try {
      await access(candidate, constants.R_OK);
      return true;
    } catch {
      // try the next folder of PATH
    }
  }
  return false;
}

/** Throws one error naming every missing program and the command that installs them. */
export async function requireBinaries(needs: Array<{ service: string; binary: string }>): Promise<void> {
  const missing: string[] = [];
  for (const { service, binary } of needs) {
    if (!(await findBinary(binary))) missing.push(`${binary} (needed by ${service})`);
  }
  if (missing.length > 0) {
    throw new Error(`the embedded stack needs programs that are not installed: ${missing.join(', ')}. Install them with \`npx k2-chaos install-deps\`.`);
  }
}
