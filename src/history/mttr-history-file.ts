import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { MttrHistoryEntry } from './mttr-history-entry';
import { isTestOutcome } from './outcome-rank';

export interface MttrHistory {
  entries: MttrHistoryEntry[];
  /** Lines that could not be read, each naming file and line; they are left out, not fatal. */
  problems: string[];
}

const optionalNumber = (v: unknown) => v === undefined || (typeof v === 'number' && Number.isFinite(v));

function problemWith(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return 'not a JSON object';
  const e = value as Partial<MttrHistoryEntry>;
  if (e.schemaVersion !== 1) return `schemaVersion must be 1, got ${JSON.stringify(e.schemaVersion)}`;
  if (typeof e.runId !== 'string' || typeof e.date !== 'string') return 'runId and date must be strings';
  if (typeof e.target !== 'string') return 'target must be a string';
  const fm = e.failureMode;
  if (!fm || typeof fm.number !== 'number' || typeof fm.name !== 'string') return 'failureMode must be { number, name }';
  if (!isTestOutcome(e.outcome)) return `unknown outcome ${JSON.stringify(e.outcome)}`;
  for (const key of ['mttrMs', 'outageMs', 'timeToSteadyMs', 'mttrTargetMs'] as const) {
    if (!optionalNumber(e[key])) return `${key} must be a number`;
  }
  return undefined;
}

/** Reads the MTTR history; a missing file is an empty history. */
export async function readMttrHistory(path: string): Promise<MttrHistory> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [], problems: [] };
    throw error;
  }
  const entries: MttrHistoryEntry[] = [];
  const problems: string[] = [];
  for (const [index, line] of text.split('\n').entries()) {
    if (!line.trim()) continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      problems.push(`${path}:${index + 1}: not valid JSON`);
      continue;
    }
    const problem = problemWith(value);
    if (problem) problems.push(`${path}:${index + 1}: ${problem}`);
    else entries.push(value as MttrHistoryEntry);
  }
  return { entries, problems };
}

/** Appends one JSON line per entry, creating the folder if needed. */
export async function appendMttrHistory(path: string, entries: readonly MttrHistoryEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await mkdir(dirname(path), { recursive: true });
  await appendFile(path, entries.map((e) => `${JSON.stringify(e)}\n`).join(''));
}
