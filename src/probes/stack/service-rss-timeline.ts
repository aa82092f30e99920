import type { TimelineSource } from '../../chaos/progress-probe';
import type { StartedStack } from '../../targets/started-stack';
import { processTreeRss } from './process-tree-rss';

const MIB = 1_048_576;

/** The timeline series name of a service's resident memory. */
export const rssSeriesName = (service: string): string => `rss ${service}`;

/**
 * Resident memory of every service of the stack (its process and their descendants), in MiB, for
 * the evidence timeline of a long run. A service that is down has no sample. Read only.
 */
export function serviceRssTimeline(stack: Pick<StartedStack, 'services' | 'state'>): TimelineSource[] {
  return stack.services().map((service) => ({
    name: rssSeriesName(service),
    unit: 'MiB',
    read: async () => {
      const { pid } = await stack.state(service);
      if (pid === undefined) throw new Error(`${service} has no process to measure`);
      const rss = processTreeRss([pid]);
      if (rss.bytes === 0) throw new Error(`${service}'s process ${pid} is gone`);
      return Math.round((rss.bytes / MIB) * 10) / 10;
    },
  }));
}
