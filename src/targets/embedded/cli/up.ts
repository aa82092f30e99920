import type { CliCommand } from '../../../cli/command';
import { UsageError } from '../../../cli/command';
import { parseFlags } from '../../../cli/flags';
import { loadManifestForCli } from './load-manifest-for-cli';
import { EmbeddedStack } from '../embedded-stack';
import { readStackState } from '../stack-state';
import { upEmbeddedStack } from '../up-embedded-stack';
import { RUN_DIR_OPTIONS, RUN_DIR_USAGE, runDirFlag } from './run-dir-flags';
import { printStatus } from './print-status';

const USAGE = `Usage: k2-chaos up [--services a,b] [--run-dir DIR] [--stack-id ID] [--detach]

Starts the embedded stack: each service a local process in its own network namespace on a
private bridge (on loopback without root), in dependency order behind health checks.
In the foreground it runs until Ctrl-C, then removes everything; with --detach it returns
once every service is healthy and leaves the stack up for \`k2-chaos down\`.

  --services a,b    start only these services and what they depend on
${RUN_DIR_USAGE}
  --stack-id ID     1-8 of a-z0-9 in every namespace and link name (default: from the run folder)
  --manifest FILE   a manifest file instead of the reference stack
  --detach, -d      return once healthy, leaving the stack up`;

export const command: CliCommand = {
  summary: 'start the embedded stack (foreground, or --detach)',
  usage: USAGE,
  async run(argv) {
    const { values, positionals } = parseFlags(argv, {
      ...RUN_DIR_OPTIONS,
      services: { type: 'string' },
      'stack-id': { type: 'string' },
      manifest: { type: 'string' },
      detach: { type: 'boolean', short: 'd' },
    });
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const runDir = runDirFlag(values['run-dir']);
    const services = values.services?.split(',').map((s) => s.trim()).filter(Boolean);
    const manifest = await loadManifestForCli(values.manifest);

    let stopping = false;
    const cleanUp = async (signal: string): Promise<void> => {
      if (stopping) return;
      stopping = true;
      console.error(`k2-chaos up: ${signal}, stopping the stack in ${runDir}`);
      // Whatever the state file records so far, even mid-startup; namespaces go by the stack id.
      const state = await readStackState(runDir).catch(() => undefined);
      if (state) await new EmbeddedStack(state).down().catch((error: Error) => console.error(`k2-chaos up: cleanup failed: ${error.message}`));
      process.exit(signal === 'SIGINT' ? 130 : 143);
    };
    const onSignal = (signal: NodeJS.Signals): void => { void cleanUp(signal); };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);

    const startedAt = performance.now();
    let stack;
    try {
      stack = await upEmbeddedStack({ manifest, runDir, stackId: values['stack-id'], services });
    } catch (error) {
      // up already removed what it created; the message names what went wrong.
      console.error(`k2-chaos up: ${(error as Error).message}`);
      return 1;
    }
    console.log(`stack ${stack.stackId} up in ${Math.round(performance.now() - startedAt)} ms (${stack.supportsNetworkFaults ? 'network namespaces' : 'loopback, no network faults'}); run folder ${runDir}`);
    await printStatus(stack);
    if (values.detach) {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      console.log('left running; stop it with `npx k2-chaos down' + (values['run-dir'] ? ` --run-dir ${runDir}` : '') + '`');
      return 0;
    }
    console.log('running; Ctrl-C stops and removes the stack');
    // Signals end this process; the timer only keeps the event loop alive until then.
    setInterval(() => undefined, 3_600_000);
    await new Promise<never>(() => undefined);
    return 0;
  },
};
