import { readFileSync } from 'node:fs';
import { processGone } from './process-gone';

/**
 * True when `pid` is a running Node process. A slot whose owner passes this belongs to a run in
 * progress; the Node check keeps a recycled pid of some other program from looking like one.
 */
export function isLiveNodeProcess(pid: number): boolean {
  if (processGone(pid)) return false;
  try {
    const argv0 = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0] ?? '';
    return /(^|\/)node(js)?(\d+)?$/.test(argv0) || argv0 === process.execPath;
  } catch {
    // No /proc to ask (not Linux): trust that the pid is alive.
    return true;
  }
}
