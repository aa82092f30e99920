import type { EmbeddedStack } from '../embedded-stack';

const CHECK_TIMEOUT_MS = 2_000;

async function healthOf(stack: EmbeddedStack, service: string): Promise<string> {
  const definition = stack.definition(service);
  try {
    await definition.health.check(stack.context(service), AbortSignal.timeout(CHECK_TIMEOUT_MS));
    return 'healthy';
  } catch (error) {
    return `unhealthy: ${(error as Error).message.split('\n', 1)[0]}`;
  }
}

/** Prints one row per service: state, pid, address, health. */
export async function printStatus(stack: EmbeddedStack): Promise<void> {
  const rows = await Promise.all(stack.services().map(async (service) => {
    const state = await stack.state(service);
    const ctx = stack.context(service);
    const word = !state.running ? 'stopped' : state.paused ? 'paused' : 'running';
    const health = state.running && !state.paused ? await healthOf(stack, service) : '-';
    const ports = Object.values(ctx.ports).join(',');
    return [service, state.connected ? word : `${word}, disconnected`, String(state.pid ?? '-'), `${ctx.host}:${ports}`, health];
  }));
  const table = [['SERVICE', 'STATE', 'PID', 'ADDRESS', 'HEALTH'], ...rows];
  const widths = table[0]!.map((_, column) => Math.max(...table.map((row) => row[column]!.length)));
  for (const row of table) console.log(row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]!))).join('  '));
}
