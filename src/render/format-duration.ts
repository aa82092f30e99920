const SECOND_MS = 1_000;
const MINUTE_MS = 60 * SECOND_MS;
const HOUR_MS = 60 * MINUTE_MS;

/** Placeholder for a value that was not measured. */
export const NOT_MEASURED = '—';

function magnitude(ms: number): string {
  if (ms < 10 * SECOND_MS) return `${(ms / SECOND_MS).toFixed(1)}s`;
  if (ms < MINUTE_MS) return `${Math.round(ms / SECOND_MS)}s`;
  if (ms < HOUR_MS) {
    const totalSeconds = Math.round(ms / SECOND_MS);
    const minutes = Math.floor(totalSeconds / 60);
    const seconds = totalSeconds % 60;
    return seconds === 0 ? `${minutes}m` : `${minutes}m ${seconds}s`;
  }
  const totalMinutes = Math.round(ms / MINUTE_MS);
  const minutes = totalMinutes % 60;
  return minutes === 0 ? `${Math.floor(totalMinutes / 60)}h` : `${Math.floor(totalMinutes / 60)}h ${minutes}m`;
}

/**
 * A measured duration as the seed writes MTTR: approximate, human-readable (`~10s`, `~2m 5s`).
 * Sub-10-second values keep one decimal because embedded-target recoveries are often that short.
 */
export function formatDurationMs(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return NOT_MEASURED;
  return `~${magnitude(Math.max(0, ms))}`;
}

/** A target or limit, written exactly (`2m`, `15m`). */
export function formatLimitMs(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return NOT_MEASURED;
  return magnitude(Math.max(0, ms));
}

/** A signed change (`+2.1s (+21%)`, `−400ms`); the percentage is against `baselineMs` when given. */
export function formatDeltaMs(deltaMs: number | undefined, baselineMs?: number): string {
  if (deltaMs === undefined || !Number.isFinite(deltaMs)) return NOT_MEASURED;
  const sign = deltaMs > 0 ? '+' : deltaMs < 0 ? '−' : '±';
  const abs = Math.abs(deltaMs);
  const value = abs < SECOND_MS ? `${Math.round(abs)}ms` : magnitude(abs);
  if (baselineMs === undefined || baselineMs <= 0) return `${sign}${value}`;
  const percent = Math.round((abs / baselineMs) * 100);
  return `${sign}${value} (${sign}${percent}%)`;
}
