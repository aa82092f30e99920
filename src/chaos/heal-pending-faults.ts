import type { StartedStack } from '../targets/started-stack';
import { faultForAction } from './faults/fault-for-action';
import type { FaultJournal, HealedBy, InjectEntry } from './fault-journal';
import { errorMessage } from './probe-reading';

export interface HealOutcome {
  entry: InjectEntry;
  error?: string;
}

/**
 * Heals journal entries newest first, so stacked faults unwind in reverse order. One heal failing
 * does not stop the others; each result is journalled, and a failed heal stays pending.
 */
export async function healPendingFaults(
  stack: StartedStack,
  journal: FaultJournal,
  entries: InjectEntry[],
  by: HealedBy,
): Promise<HealOutcome[]> {
  const outcomes: HealOutcome[] = [];
  for (const entry of [...entries].reverse()) {
    try {
      await faultForAction(entry.action, entry.service).heal(stack);
      journal.recordHeal(entry.id, by);
      outcomes.push({ entry });
    } catch (error) {
      const message = errorMessage(error);
      journal.recordHeal(entry.id, by, message);
      outcomes.push({ entry, error: message });
    }
  }
  return outcomes;
}

