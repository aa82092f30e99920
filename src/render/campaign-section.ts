import type { CampaignRecord } from '../campaign/campaign-record';
import { formatDurationMs } from './format-duration';
import { markdownTable } from './markdown-table';
import { IN_FLIGHT_MS } from '../campaign/loss-suspects';

const seconds = (ms: number | undefined) => (ms === undefined ? '-' : `${(ms / 1000).toFixed(1)}s`);

/**
 * results.md's campaign section: the verdict and how to replay it, the MTTR per fault kind
 * (p50, p95, max), every fault applied with its window and recovery, the invariants, the
 * services that exited on their own, and each service's memory from start to end.
 */
export function campaignSection(record: CampaignRecord, timelineSvg?: string): string {
  const c = record.choice;
  const out = [
    '## Campaign',
    '',
    `**${record.verdict}**${record.reason ? `: ${record.reason}` : ''}`,
    '',
    ...(timelineSvg ? [`![campaign timeline](${timelineSvg})`, ''] : []),
    `Seed ${c.seed}, ${seconds(c.durationMs)}, at most ${c.maxConcurrent} fault(s) at once, target ${record.target}; ${record.runs.filter((r) => r.injectedAtMs !== undefined).length} of ${record.planned.length} scheduled faults applied. Replay: \`${record.replay}\``,
    ...(record.replayUntilViolation ? ['', `Replay up to the first loss: \`${record.replayUntilViolation}\``] : []),
    '',
    markdownTable(['fault kind', 'applied', 'not recovered', 'MTTR p50', 'MTTR p95', 'MTTR max'],
      record.byKind.map((k) => [k.kind, String(k.applied), String(k.notRecovered), formatDurationMs(k.p50Ms), formatDurationMs(k.p95Ms), formatDurationMs(k.maxMs)])),
    '',
    markdownTable(['#', 'fault', 'role', 'in place', 'confirmed', 'MTTR'],
      record.runs.map((r) => [String(r.index), r.name, r.role, `${seconds(r.injectedAtMs)} .. ${seconds(r.healedAtMs)}`, r.error ?? (r.confirmed ? 'yes' : `no: ${r.detail}`), formatDurationMs(r.mttrMs)])),
    '',
    markdownTable(['invariant', 'status', 'summary'], record.invariants.map((i) => [i.name, i.status, i.summary])),
  ];
  if (record.unplannedExits?.length) {
    out.push('', 'Exited with no fault on them, and started again after a delay (compose\'s `restart: unless-stopped`, which embedded lacks):', '',
      markdownTable(['service', 'found down', 'started again'],
        record.unplannedExits.map((e) => [e.service, seconds(e.noticedAtMs), e.restartedAtMs !== undefined ? seconds(e.restartedAtMs) : `not: ${e.error ?? 'the campaign ended first'}`])));
  }
  if (record.memory?.length) {
    const mib = (n: number) => `${n.toFixed(1)} MiB`;
    out.push('', 'Resident memory per service (median of the first and of the last tenth of its samples, every 10 s):', '',
      markdownTable(['service', 'samples', 'start', 'end', 'peak', 'growth'],
        record.memory.map((m) => [m.service, String(m.samples), mib(m.startMiB), mib(m.endMiB), mib(m.peakMiB), m.growthPercent === undefined ? 'too few samples' : `${m.growthPercent >= 0 ? '+' : ''}${m.growthPercent}%`])));
  }
  if (record.suspects.length > 0) {
    out.push('', `Where the losses began, and the faults in place then, injected up to ${IN_FLIGHT_MS / 1000} s after (the trade still on its way), or healed within 30 s before:`, '',
      markdownTable(['symbol', 'first lost id', 'emitted at', 'suspect faults'],
        record.suspects.map((s) => [s.key, String(s.firstLostId), seconds(s.emittedAtMs), s.faults.join(', ') || 'none'])));
  }
  return out.join('\n');
}
