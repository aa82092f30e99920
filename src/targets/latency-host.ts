import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { join } from 'node:path';
import type { LatencyHost } from './added-latency';
import { k2ChaosArgv } from './embedded/services/k2-chaos-command';

/**
 * Where and how a service's latency proxy runs: started through `enterNamespace` (`ip netns exec
 * NS`, `nsenter -t PID -n`), which execs the proxy in place, so the pid it writes is its own. Its
 * pid file and log sit in the stack's run folder, so a heal from another process finds it.
 */
export function latencyHost(runDir: string, service: string, enterNamespace: string[]): LatencyHost {
  return {
    pidFile: join(runDir, `latency-proxy-${service}.pid`),
    logFile: join(runDir, `latency-proxy-${service}.log`),
    proxyArgv: (flags) => k2ChaosArgv('latency-proxy', flags),
    start: async (argv, logFile) => {
      const out = openSync(logFile, 'a');
      try {
        const child = spawn(enterNamespace[0]!, [...enterNamespace.slice(1), ...argv], { detached: true, stdio: ['ignore', out, out] });
        child.once('error', () => undefined);
        child.unref();
      } finally {
        closeSync(out);
      }
    },
  };
}
