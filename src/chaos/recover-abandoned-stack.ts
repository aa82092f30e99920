import { FaultJournal, type HealedBy } from './fault-journal';
import { healPendingFaults } from './heal-pending-faults';
import { loadStackProvider } from './load-stack-provider';
import { processGone } from './process-gone';
import type { StackRegistry, StackSlot } from './stack-registry';

export interface RecoveryReport {
  slot: string;
  healed: string[];
  errors: string[];
  /** The dead owner's stack was taken down. */
  downed: boolean;
}

/**
 * Cleans up after a worker that died: heals the faults it left pending (newest first) through a
 * stack reattached from its run folder, then takes that stack down if its owner never did.
 * Faults whose injecting process is still alive are left to it.
 */
export async function recoverAbandonedStack(registry: StackRegistry, slot: StackSlot, by: HealedBy): Promise<RecoveryReport> {
  const report: RecoveryReport = { slot: slot.slot, healed: [], errors: [], downed: false };
  const journal = new FaultJournal(slot.runDir);
  const pending = journal.pending((entry) => entry.ownerPid !== process.pid && processGone(entry.ownerPid));
  const needsDown = !slot.closed && slot.ownerPid !== process.pid && processGone(slot.ownerPid);
  if (pending.length === 0 && !needsDown) return report;

  let stack;
  try {
    const provider = await loadStackProvider(slot.provider);
    stack = await provider.attach({ manifest: slot.manifest, runDir: slot.runDir });
  } catch (error) {
    report.errors.push(`could not reattach to the stack in ${slot.runDir}: ${(error as Error).message}`);
    return report;
  }
  for (const outcome of await healPendingFaults(stack, journal, pending, by)) {
    if (outcome.error) report.errors.push(`heal of "${outcome.entry.name}" failed: ${outcome.error}`);
    else report.healed.push(outcome.entry.name);
  }
  if (needsDown) {
    try {
      await stack.down();
      registry.write({ ...slot, closed: true });
      report.downed = true;
    } catch (error) {
      report.errors.push(`could not take down the abandoned stack in ${slot.runDir}: ${(error as Error).message}`);
    }
  }
  return report;
}
