import type { TimelineSource } from '../../chaos/progress-probe';
import { EXCHANGES } from '../../stack/names';
import type { PipelineSource } from './pipeline-source';
import { readSilverProgress, type SilverProgress } from './silver-progress';

/** Series sampled in one tick share one silver read younger than this. */
const SHARED_READ_MS = 250;

/**
 * The evidence timeline of the pipeline: silver trades (distinct) and ingest lag per exchange. The series of
 * one sampling tick share a single query.
 */
export function pipelineTimeline(source: PipelineSource, now: () => number = Date.now): TimelineSource[] {
  let last: { atMs: number; reading: Promise<SilverProgress> } | undefined;
  const read = () => {
    const at = now();
    if (!last || at - last.atMs > SHARED_READ_MS) last = { atMs: at, reading: readSilverProgress(source, now) };
    return last.reading;
  };
  return EXCHANGES.flatMap((e): TimelineSource[] => [
    { name: `silver trades ${e}`, unit: 'trades', read: async () => (await read())[e].trades },
    {
      name: `ingest lag ${e}`,
      unit: 'ms',
      read: async () => {
        const lag = (await read())[e].lagMs;
        if (lag === null) throw new Error(`no ${e} trade in silver yet`);
        return lag;
      },
    },
  ]);
}
