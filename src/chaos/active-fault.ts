import type { FaultRecord } from '../report-model/chaos-record';
import type { StartedStack } from '../targets/started-stack';
import type { Fault } from './fault';
import type { FaultJournal, HealedBy, InjectEntry } from './fault-journal';
import { errorMessage } from './probe-reading';

/** A fault an experiment injected: the fault, its journal entry and the record reporters get. */
export interface ActiveFault {
  fault: Fault;
  entry: InjectEntry;
  record: FaultRecord;
  healed: boolean;
}

/**
 * Heals faults newest first through the stack, journalling each result; a failing heal does not
 * stop the others. Returns one message per failure.
 */
export async function healActiveFaults(
  faults: ActiveFault[],
  stack: StartedStack,
  journal: FaultJournal,
  by: HealedBy,
  log: (line: string) => void,
): Promise<string[]> {
  const errors: string[] = [];
  for (const active of [...faults].reverse()) {
    try {
      await active.fault.heal(stack);
      active.healed = true;
      active.record.healedAt = new Date().toISOString();
      journal.recordHeal(active.entry.id, by);
      log(`[k2-chaos] healed (${by}): ${active.fault.name}`);
    } catch (error) {
      active.record.healError = errorMessage(error);
      journal.recordHeal(active.entry.id, by, errorMessage(error));
      errors.push(`${active.fault.name}: ${errorMessage(error)}`);
    }
  }
  return errors;
}
