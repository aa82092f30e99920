import { join } from 'node:path';
import type { CliCommand } from '../../../cli/command';
import { UsageError } from '../../../cli/command';
import { parseFlags, positiveInt } from '../../../cli/flags';
import { tailFile } from '../service-process';
import { readStackState } from '../stack-state';
import { RUN_DIR_OPTIONS, RUN_DIR_USAGE, runDirFlag } from './run-dir-flags';

const DEFAULT_LINES = 100;
/** Enough bytes for the requested lines of all but pathological logs. */
const BYTES_PER_LINE = 2_048;

const USAGE = `Usage: k2-chaos logs SERVICE [--tail N] [--run-dir DIR]

Prints the end of a service's stdout and stderr, kept in the run folder (also after \`down\`).

  --tail N          lines to print (default ${DEFAULT_LINES})
${RUN_DIR_USAGE}`;

export const command: CliCommand = {
  summary: 'print the end of an embedded service\'s log',
  usage: USAGE,
  async run(argv) {
    const { values, positionals } = parseFlags(argv, { ...RUN_DIR_OPTIONS, tail: { type: 'string' } });
    const [service, extra] = positionals;
    if (!service) throw new UsageError('SERVICE is required');
    if (extra) throw new UsageError(`unexpected argument "${extra}"`);
    const lines = positiveInt(values.tail, '--tail', DEFAULT_LINES);
    const runDir = runDirFlag(values['run-dir']);
    const state = await readStackState(runDir);
    const logFile = state?.services[service]?.logFile ?? join(runDir, 'logs', `${service}.log`);
    const text = await tailFile(logFile, lines * BYTES_PER_LINE);
    if (!text) {
      const known = state ? ` Services: ${Object.keys(state.services).join(', ')}.` : '';
      console.error(`k2-chaos logs: no log for "${service}" in ${runDir}.${known}`);
      return 1;
    }
    process.stdout.write(`${text.split('\n').slice(-lines - 1).join('\n')}`);
    return 0;
  },
};
