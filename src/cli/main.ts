import type { CliCommand } from './command';
import { UsageError } from './command';

/**
 * Subcommands, loaded lazily so that `k2-chaos broker` does not pay for loading the test
 * framework and `k2-chaos up` does not load the broker.
 */
const COMMANDS: Record<string, () => Promise<{ command: CliCommand }>> = {
  chaos: () => import('./commands/chaos'),
  'chaos-compose': () => import('./commands/chaos-compose'),
  campaign: () => import('./commands/campaign'),
  up: () => import('../targets/embedded/cli/up'),
  down: () => import('../targets/embedded/cli/down'),
  status: () => import('../targets/embedded/cli/status'),
  logs: () => import('../targets/embedded/cli/logs'),
  'install-deps': () => import('../targets/embedded/cli/install-deps'),
  init: () => import('../stack/cli/init'),
  images: () => import('../targets/compose/images/cli'),
  broker: () => import('../../services/broker/cli'),
  'exchange-sim': () => import('../../services/exchange-sim/cli'),
  'feed-handler': () => import('../../services/feed-handler/cli'),
  'object-store': () => import('../../services/object-store/cli'),
  offload: () => import('../../services/offload/cli'),
  'latency-proxy': () => import('../../services/latency-proxy/cli'),
  preflight: () => import('../manifest/cli/preflight'),
};

function topLevelUsage(summaries: string[]): string {
  return ['Usage: k2-chaos <command> [options]', '', 'Commands:', ...summaries, '',
    'Run `k2-chaos <command> --help` for the options of one command.'].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    const summaries: string[] = [];
    for (const [key, load] of Object.entries(COMMANDS)) {
      const { command } = await load();
      summaries.push(`  ${key.padEnd(14)} ${command.summary}`);
    }
    console.log(topLevelUsage(summaries));
    return name ? 0 : 2;
  }
  const load = COMMANDS[name];
  if (!load) {
    console.error(`k2-chaos: unknown command "${name}". Commands: ${Object.keys(COMMANDS).join(', ')}`);
    return 2;
  }
  const { command } = await load();
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(command.usage);
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`k2-chaos ${name}: ${error.message}\n\n${command.usage}`);
      return 2;
    }
    throw error;
  }
}
