import type { CampaignSchedule } from './campaign-schedule';

/** Which of a planned schedule's faults to run: by their printed numbers, and/or up to a time. */
export interface FaultSelection {
  /** Fault numbers (`#3`) as the full schedule prints them. */
  only?: readonly number[];
  /** Only faults injected at or before this instant of the campaign (ms from its start). */
  untilMs?: number;
}

/**
 * The schedule with only the selected faults, each at its planned time, hold and number, so a
 * shrunk or cut schedule replays the same faults at the same instants. A number the schedule
 * does not have is an error naming the ones it has.
 */
export function selectFaults(schedule: CampaignSchedule, selection: FaultSelection): CampaignSchedule {
  const numbers = new Set(schedule.faults.map((f) => f.index));
  for (const n of selection.only ?? []) {
    if (!numbers.has(n)) throw new Error(`campaign: --only names fault #${n}, but the schedule has ${schedule.faults.length ? schedule.faults.map((f) => `#${f.index}`).join(', ') : 'no fault'}`);
  }
  const only = selection.only ? new Set(selection.only) : undefined;
  const untilMs = selection.untilMs;
  const faults = schedule.faults.filter((f) => (!only || only.has(f.index)) && (untilMs === undefined || f.atMs <= untilMs));
  return { ...schedule, faults };
}
