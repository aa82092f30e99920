/**
 * How long a test's ledger checks wait for trades that are late, not lost: one window for all
 * of them. The first ledger read opens it; the checks after it (silver after bronze) wait only
 * for what is left of it, plus a short floor in which the next hop takes in what the previous
 * one got last. Separate windows made a real loss wait once per hop (two minutes for bronze and
 * silver) to say the same thing twice.
 */
export interface LateTradeWindow {
  /** Wall-clock ms (Unix) until which a ledger check may still wait; the first call opens the window. */
  until(): number;
}

export interface LateTradeWindowOptions {
  /** How long after the first ledger read lost trades may still arrive (buffers draining); default 60 s. */
  settleMs?: number;
  /** The least a later check may wait, however much of the window is spent; default 10 s. */
  floorMs?: number;
  now?: () => number;
}

export function lateTradeWindow({ settleMs = 60_000, floorMs = 10_000, now = Date.now }: LateTradeWindowOptions = {}): LateTradeWindow {
  let closesAt: number | undefined;
  return {
    until() {
      const at = now();
      if (closesAt === undefined) {
        closesAt = at + settleMs;
        return closesAt;
      }
      return Math.max(closesAt, at + floorMs);
    },
  };
}
