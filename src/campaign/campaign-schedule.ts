import { SeededRandom } from './seeded-random';

/** One fault of a campaign: what, on which role, from when, for how long (ms since the campaign started). */
export interface ScheduledFault {
  /** 1-based, in start order. */
  index: number;
  kind: string;
  role: string;
  atMs: number;
  holdMs: number;
}

export interface CampaignOptions {
  durationMs: number;
  seed: number;
  /** Fault kinds to draw from, each with the roles it applies to (from the catalog, filtered by the user). */
  kinds: ReadonlyArray<{ kind: string; roles: readonly string[] }>;
  /** Most faults in place at once (at least 1). */
  maxConcurrent: number;
  /** Shortest and longest hold of one fault. */
  holdMs: { min: number; max: number };
  /** Quiet time between one fault's start and the next one's, drawn in this range. */
  gapMs: { min: number; max: number };
  /** Faults end this long before the campaign does, so the pipeline can catch up under watch. */
  settleMs: number;
}

export interface CampaignSchedule {
  options: CampaignOptions;
  faults: ScheduledFault[];
}

function validate(o: CampaignOptions): void {
  const positive = (value: number, what: string) => {
    if (!(Number.isFinite(value) && value > 0)) throw new Error(`campaign: ${what} must be above 0, got ${value}`);
  };
  positive(o.durationMs, 'the duration');
  positive(o.holdMs.min, 'the shortest hold');
  if (o.holdMs.max < o.holdMs.min) throw new Error(`campaign: the longest hold (${o.holdMs.max} ms) is shorter than the shortest (${o.holdMs.min} ms)`);
  if (o.gapMs.min < 0 || o.gapMs.max < o.gapMs.min) throw new Error(`campaign: gaps must be 0 or more, shortest first, got ${o.gapMs.min}..${o.gapMs.max} ms`);
  if (!Number.isInteger(o.maxConcurrent) || o.maxConcurrent < 1) throw new Error(`campaign: max concurrent faults must be an integer of at least 1, got ${o.maxConcurrent}`);
  if (o.kinds.length === 0 || o.kinds.every((k) => k.roles.length === 0)) throw new Error('campaign: no fault kind applies to any chosen role');
  if (o.durationMs <= o.settleMs + o.holdMs.min) {
    throw new Error(`campaign: a duration of ${o.durationMs} ms leaves no room for a fault: it must exceed the settle time (${o.settleMs} ms) plus the shortest hold (${o.holdMs.min} ms)`);
  }
}

/**
 * The lane a role's faults take: one fault at a time per lane. An exchange and its feed handler
 * share one, as a fault on the exchange's side needs the handler connected (a WebSocket drop on
 * an exchange whose handler is killed has nothing to drop).
 */
export function laneOf(role: string): string {
  const feed = /^(?:exchange|feed-handler):(.+)$/.exec(role);
  return feed ? `feed:${feed[1]}` : role;
}

/**
 * A reproducible nemesis schedule: starting after a first gap, a random fault kind on a random role
 * it applies to, held a random while, then the next one after a random gap. Faults overlap, at
 * most `maxConcurrent` at once and never two in one lane (`laneOf`); each ends by `durationMs - settleMs`.
 * The same options give the same schedule.
 */
export function planCampaign(options: CampaignOptions): CampaignSchedule {
  validate(options);
  const random = new SeededRandom(options.seed);
  const endBy = options.durationMs - options.settleMs;
  const faults: ScheduledFault[] = [];
  let atMs = random.int(options.gapMs.min, options.gapMs.max);
  while (atMs + options.holdMs.min <= endBy) {
    const active = faults.filter((f) => f.atMs + f.holdMs > atMs);
    if (active.length >= options.maxConcurrent) {
      // Wait for the first of them to end.
      atMs = Math.min(...active.map((f) => f.atMs + f.holdMs));
      continue;
    }
    const busy = new Set(active.map((f) => laneOf(f.role)));
    const choices = options.kinds.flatMap((k) => k.roles.filter((r) => !busy.has(laneOf(r))).map((role) => ({ kind: k.kind, role })));
    if (choices.length === 0) {
      atMs = Math.min(...active.map((f) => f.atMs + f.holdMs));
      continue;
    }
    const { kind, role } = random.pick(choices);
    const holdMs = Math.min(random.int(options.holdMs.min, options.holdMs.max), endBy - atMs);
    faults.push({ index: faults.length + 1, kind, role, atMs, holdMs });
    atMs += random.int(options.gapMs.min, options.gapMs.max);
  }
  return { options, faults };
}

/** The schedule as lines for a terminal: one per fault, start and end in seconds. */
export function describeSchedule(schedule: CampaignSchedule): string[] {
  const s = (ms: number) => `${(ms / 1000).toFixed(1)}s`;
  const { options } = schedule;
  return [
    `campaign seed ${options.seed}, ${s(options.durationMs)}, at most ${options.maxConcurrent} fault(s) at once, ${schedule.faults.length} fault(s):`,
    ...schedule.faults.map((f) => `  #${f.index} ${s(f.atMs).padStart(7)} .. ${s(f.atMs + f.holdMs).padStart(7)}  ${f.kind} ${f.role}`),
  ];
}
