import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { REFERENCE_MANIFEST } from '../src/manifest/reference';
import { embeddedServices } from '../src/targets/embedded/embedded-services';
import type { EmbeddedStack } from '../src/targets/embedded/embedded-stack';
import { upEmbeddedStack, type ServiceUpTiming } from '../src/targets/embedded/up-embedded-stack';

/** Restarts per measured service; the median is the figure, min and max show the spread. */
const RESTARTS = Number(process.env.K2_BENCH_RESTARTS ?? 3);
const RESTARTED = [REFERENCE_MANIFEST.services.olap, REFERENCE_MANIFEST.services.catalogDb];
/** Services whose CLI is one of the project's subcommands; absent modules are skipped and said so. */
const CLI_MODULES: Record<string, string> = { offload: 'services/offload/cli.ts' };

const ms = (value: number): string => `${Math.round(value).toLocaleString('en-US')} ms`;
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

function selectedServices(): string[] {
  const root = fileURLToPath(new URL('..', import.meta.url));
  return [...embeddedServices(REFERENCE_MANIFEST).keys()].filter((service) => {
    const module = CLI_MODULES[service];
    if (module && !existsSync(join(root, module))) {
      console.log(`${service}: skipped (${module} does not exist)`);
      return false;
    }
    return true;
  });
}

async function timeRestart(stack: EmbeddedStack, service: string): Promise<number> {
  const startedAt = performance.now();
  await stack.restart(service);
  await stack.waitHealthy(service);
  return performance.now() - startedAt;
}

async function main(): Promise<void> {
  const runDir = await mkdtemp(join(tmpdir(), 'k2-bench-stack-'));
  const timings = new Map<string, ServiceUpTiming>();
  const services = selectedServices();
  let stack: EmbeddedStack | undefined;
  try {
    const upAt = performance.now();
    stack = await upEmbeddedStack({ manifest: REFERENCE_MANIFEST, runDir, services, onServiceUp: (service, timing) => timings.set(service, timing) });
    const upMs = performance.now() - upAt;
    console.log(`\nembedded stack ${stack.stackId} (${stack.supportsNetworkFaults ? 'network namespaces' : 'loopback'}), ${services.length} services`);
    console.log('service                 boot (start -> healthy)   after-healthy hook');
    for (const service of stack.services()) {
      const timing = timings.get(service)!;
      console.log(`${service.padEnd(24)}${ms(timing.bootMs).padStart(23)}   ${ms(timing.hookMs).padStart(18)}`);
    }
    console.log(`whole stack up (cleanup, network, every service healthy, hooks): ${ms(upMs)}`);
    for (const service of RESTARTED) {
      const runs: number[] = [];
      for (let i = 0; i < RESTARTS; i += 1) runs.push(await timeRestart(stack, service));
      console.log(`restart ${service} (graceful stop -> healthy), ${RESTARTS} runs: median ${ms(median(runs))}, min ${ms(Math.min(...runs))}, max ${ms(Math.max(...runs))}`);
    }
    const downAt = performance.now();
    await stack.down();
    stack = undefined;
    console.log(`whole stack down: ${ms(performance.now() - downAt)}`);
  } finally {
    await stack?.down().catch((error: Error) => console.error(`down failed: ${error.message}`));
    await rm(runDir, { recursive: true, force: true });
  }
}

await main();
