import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Experiment } from '../../../src/chaos/experiment';
import type { ExperimentContext, ExperimentOptions } from '../../../src/chaos/experiment-options';
import { FaultJournal } from '../../../src/chaos/fault-journal';
import { ManualClock } from '../../../src/chaos/manual-clock';
import { MemoryStack, type MemoryStackQuirks } from './memory-stack';

const harnessDirs: string[] = [];

/** Removes the folders of every harness made so far; call it after each test so no temp folder outlives the run. */
export function removeHarnessDirs(): void {
  for (const dir of harnessDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** An experiment on a MemoryStack in virtual time, with its steps, log lines and skips captured. */
export function experimentHarness(options: Partial<ExperimentOptions> = {}, quirks: MemoryStackQuirks = {}, context: Partial<ExperimentContext> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'k2-experiment-'));
  harnessDirs.push(dir);
  const clock = new ManualClock();
  const stack = new MemoryStack(dir, ['broker', 'clickhouse'], quirks);
  const journal = new FaultJournal(dir);
  const steps: string[] = [];
  const lines: string[] = [];
  const experiment = new Experiment(
    { failureMode: { number: 1, name: 'Redpanda restart' }, mttrTargetMs: 120_000, ...options },
    {
      stack,
      journal,
      title: 'resumes ingestion after a broker restart',
      clock,
      step: (title, body) => {
        steps.push(title);
        return body();
      },
      skip: (reason) => {
        throw new Error(`skipped: ${reason}`);
      },
      log: (line) => lines.push(line),
      ...context,
    },
  );
  return { dir, clock, stack, journal, steps, lines, experiment };
}
