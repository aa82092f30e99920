import type { CliCommand } from '../../cli/command';
import { UsageError } from '../../cli/command';
import { parseFlags, positiveInt } from '../../cli/flags';
import type { StartedStack } from '../../targets/started-stack';
import { loadManifest } from '../load-manifest';
import { preflight, PreflightError } from '../preflight/run-preflight';

const USAGE = `Usage: k2-chaos preflight [options]

Checks every name the manifest gives against a running stack, before any fault: services exist,
run and are healthy, the network exists with every service on it, ClickHouse database, tables
and trade id columns, Kafka topics, the watermark table's columns, the bucket. Stops at the first
missing name and says what exists instead. Exits 0 when all pass, 1 on a missing name.

Options:
  --target NAME          embedded | compose (default: env K2_TARGET, else embedded)
  --manifest NAME|PATH   reference, a file in manifests/, or a .json/.ts path (default: env K2_MANIFEST, else reference)
  --run-dir DIR          embedded: the folder of a stack started by \`k2-chaos up\`
  --docker-socket PATH   compose: the Docker Engine socket (default /var/run/docker.sock)
  --role ROLE            check only the services of this role (repeatable: broker, olap, feedHandler, ...)
  --health-timeout-ms N  how long each service may take to report healthy (default 60000)`;

async function attach(target: string, manifestSpec: string | undefined, runDir: string | undefined, dockerSocket: string | undefined): Promise<StartedStack> {
  if (target === 'compose') {
    const { upComposeStack } = await import('../../targets/compose/up-compose-stack');
    return upComposeStack({ manifest: await loadManifest(manifestSpec), dockerSocket });
  }
  const { attachEmbeddedStack } = await import('../../targets/embedded/attach-embedded-stack');
  const { defaultRunDir } = await import('../../targets/embedded/default-run-dir');
  return attachEmbeddedStack(runDir ?? defaultRunDir());
}

export const command: CliCommand = {
  summary: 'check every name in the manifest against a running stack',
  usage: USAGE,
  async run(argv) {
    const { values } = parseFlags(argv, {
      target: { type: 'string' },
      manifest: { type: 'string' },
      'run-dir': { type: 'string' },
      'docker-socket': { type: 'string' },
      role: { type: 'string', multiple: true },
      'health-timeout-ms': { type: 'string' },
    });
    const target = values.target ?? process.env.K2_TARGET ?? 'embedded';
    if (target !== 'embedded' && target !== 'compose') throw new UsageError(`--target must be embedded or compose, got "${target}"`);
    const healthTimeoutMs = positiveInt(values['health-timeout-ms'], '--health-timeout-ms', 60_000);
    // Load first so that a malformed manifest is reported before any connection is made.
    const manifest = values.manifest || process.env.K2_MANIFEST ? await loadManifest(values.manifest) : undefined;
    const stack = await attach(target, values.manifest, values['run-dir'], values['docker-socket']);
    try {
      const report = await preflight({ stack, manifest, roles: values.role, healthTimeoutMs });
      console.log(`preflight (${report.manifest}, ${target}): passed ${report.passed.join(', ')}`);
      for (const [check, reason] of Object.entries(report.skipped)) console.log(`  skipped ${check}: ${reason}`);
      return 0;
    } catch (error) {
      if (!(error instanceof PreflightError)) throw error;
      console.error(error.message);
      return 1;
    } finally {
      // Attaching created nothing, so there is nothing to stop: only release the connection.
      if (target === 'compose') await stack.down();
    }
  },
};
