import type { CliCommand } from '../../../cli/command';
import { UsageError } from '../../../cli/command';
import { parseFlags } from '../../../cli/flags';
import { EmbeddedStack } from '../embedded-stack';
import { readStackState } from '../stack-state';
import { printStatus } from './print-status';
import { RUN_DIR_OPTIONS, RUN_DIR_USAGE, runDirFlag } from './run-dir-flags';

const USAGE = `Usage: k2-chaos status [--run-dir DIR]

Shows each service of the embedded stack: state, pid, address and health. Exits 1 when no stack
is up in the run folder or a running service is unhealthy.

${RUN_DIR_USAGE}`;

export const command: CliCommand = {
  summary: 'show the embedded stack\'s services: state, pid, address, health',
  usage: USAGE,
  async run(argv) {
    const { values, positionals } = parseFlags(argv, RUN_DIR_OPTIONS);
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const runDir = runDirFlag(values['run-dir']);
    const state = await readStackState(runDir);
    if (!state) {
      console.log(`no embedded stack is up in ${runDir}`);
      return 1;
    }
    const stack = new EmbeddedStack(state);
    console.log(`stack ${state.stackId} (${state.mode === 'netns' ? `bridge ${state.network?.bridge}, ${state.network?.subnet}.0/24` : 'loopback'}) in ${runDir}`);
    await printStatus(stack);
    return 0;
  },
};
