import type { CliCommand } from '../../../cli/command';
import { UsageError } from '../../../cli/command';
import { parseFlags } from '../../../cli/flags';
import { EmbeddedStack } from '../embedded-stack';
import { removeLeftovers } from '../remove-leftovers';
import { stackIdForRunDir, validateStackId } from '../stack-names';
import { readStackState } from '../stack-state';
import { RUN_DIR_OPTIONS, RUN_DIR_USAGE, runDirFlag } from './run-dir-flags';

const USAGE = `Usage: k2-chaos down [--run-dir DIR] [--stack-id ID]

Stops every service of the embedded stack and removes its namespaces, links and bridge. Without
a state file (a crashed run) it still removes whatever carries the stack's id. Logs and data stay
in the run folder until the next \`up\`.

${RUN_DIR_USAGE}
  --stack-id ID     the stack id, when it was given to \`up\` and the state file is lost`;

export const command: CliCommand = {
  summary: 'stop the embedded stack and remove its namespaces and links',
  usage: USAGE,
  async run(argv) {
    const { values, positionals } = parseFlags(argv, { ...RUN_DIR_OPTIONS, 'stack-id': { type: 'string' } });
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const runDir = runDirFlag(values['run-dir']);
    const state = await readStackState(runDir);
    if (state) {
      await new EmbeddedStack(state).down();
      console.log(`stack ${state.stackId} in ${runDir} is down`);
      return 0;
    }
    const stackId = validateStackId(values['stack-id'] ?? stackIdForRunDir(runDir));
    await removeLeftovers(runDir, stackId);
    console.log(`no stack state in ${runDir}; removed any leftovers of stack ${stackId}`);
    return 0;
  },
};
