import type { ManualClock } from '../../../src/chaos/manual-clock';
import type { ProgressProbe } from '../../../src/chaos/progress-probe';

/** What a scripted probe does at one read: return a count, throw, or take a while first. */
export type ScriptStep = number | { error: string } | { value: number; delayMs: number } | { hangMs: number };

/**
 * A probe that plays a script of readings (the last step repeats), so polling logic can be
 * driven through outages, errors and slow reads in virtual time.
 */
export function scriptedProbe(name: string, script: ScriptStep[], clock: ManualClock): ProgressProbe<number> & { reads: number } {
  const probe = {
    name,
    reads: 0,
    async read(): Promise<number> {
      const step = script[Math.min(probe.reads, script.length - 1)]!;
      probe.reads++;
      if (typeof step === 'number') return step;
      if ('error' in step) throw new Error(step.error);
      if ('hangMs' in step) {
        await clock.sleep(step.hangMs);
        throw new Error('hung read finished late');
      }
      await clock.sleep(step.delayMs);
      return step.value;
    },
    progressed: (mark: number, now: number) => now > mark,
    describe: (value: number) => `${value} rows`,
  };
  return probe;
}
