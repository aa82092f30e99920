import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { PACKAGE_DIR } from '../scripts/generate-reports';
import { ExchangeObserver } from '../src/observer/exchange-observer';
import { EXCHANGES, type Exchange } from '../src/stack/names';

/**
 * npm run bench:observer — the trade observer's own CPU (this process only; the simulator runs in
 * a child) at the suite's default rate and at 10,000 trades/s, and whether it keeps up: after
 * the run its window must equal the simulator's ground truth, with no gap left open.
 * Figures, not assertions. K2_BENCH_OBSERVER_SECONDS sets each step's length (default 20).
 */
const SECONDS = Number(process.env.K2_BENCH_OBSERVER_SECONDS ?? 20);
const STEPS: Array<{ name: string; exchanges: readonly Exchange[]; symbols: number; ratePerSymbol: number }> = [
  // The embedded suite's default: three exchanges, 3 symbols each at 50 trades/s, observed at once.
  { name: 'default rate (3 exchanges x 3 symbols x 50/s)', exchanges: EXCHANGES, symbols: 3, ratePerSymbol: 50 },
  ...EXCHANGES.map((exchange) => ({ name: `10,000 trades/s (${exchange}, 10 symbols x 1,000/s)`, exchanges: [exchange], symbols: 10, ratePerSymbol: 1_000 })),
];

async function startSim(exchange: Exchange, symbols: number, rate: number): Promise<{ child: ChildProcess; urls: { wsUrl: string; restUrl: string; controlUrl: string; symbols: string[] } }> {
  const child = spawn(process.execPath, [join(PACKAGE_DIR, 'bin/k2-chaos.mjs'), 'exchange-sim', '--exchange', exchange, '--listen', '127.0.0.1:0',
    '--symbols', String(symbols), '--rate', String(rate)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [line] = (await once(child.stdout!, 'data')) as [Buffer];
  return { child, urls: JSON.parse(line.toString('utf8').split('\n')[0]!) };
}

interface Watched {
  urls: Awaited<ReturnType<typeof startSim>>['urls'];
  observer: ExchangeObserver;
}

/** Whether each observer's window equals its simulator's ground truth, and how many trades it held. */
async function compare(watched: Watched[], fromMs: number, toMs: number): Promise<{ equal: boolean; expected: number }> {
  let equal = true;
  let expected = 0;
  for (const { urls, observer } of watched) {
    const truth = (await (await fetch(`${urls.controlUrl}/emitted?fromMs=${fromMs}&toMs=${toMs}`)).json()) as { symbols: Record<string, { count: number }> };
    const seen = observer.window(fromMs, toMs);
    equal &&= urls.symbols.every((symbol) => JSON.stringify(seen[symbol]) === JSON.stringify({ ids: truth.symbols[symbol] }));
    expected += Object.values(truth.symbols).reduce((n, r) => n + r.count, 0);
  }
  return { equal, expected };
}

async function step(s: (typeof STEPS)[number]): Promise<string> {
  const sims = await Promise.all(s.exchanges.map((e) => startSim(e, s.symbols, s.ratePerSymbol)));
  try {
    const watched: Watched[] = sims.map(({ urls }, i) => ({
      urls, observer: new ExchangeObserver({ exchange: s.exchanges[i]!, wsUrl: urls.wsUrl, restUrl: urls.restUrl, symbols: urls.symbols }).start(),
    }));
    const trades = () => watched.reduce((n, w) => n + w.observer.health().trades, 0);
    while (!watched.every((w) => w.observer.health().healthy)) await sleep(100);
    const fromMs = Date.now() + 500;
    const cpu = process.cpuUsage();
    const wallStart = performance.now();
    const tradesBefore = trades();
    await sleep(SECONDS * 1_000);
    const used = process.cpuUsage(cpu);
    const wallMs = performance.now() - wallStart;
    const seenPerS = (trades() - tradesBefore) / (wallMs / 1_000);
    const toMs = Date.now() - 1_000;
    await sleep(1_500);
    const { equal, expected } = await compare(watched, fromMs, toMs);
    const gaps = watched.reduce((n, w) => n + w.observer.health().openGaps, 0);
    await Promise.all(watched.map((w) => w.observer.stop()));
    const cpuPct = ((used.user + used.system) / 1_000 / wallMs) * 100;
    return `${s.name.padEnd(50)} ${seenPerS.toFixed(0).padStart(7)}/s seen  observer CPU ${cpuPct.toFixed(1).padStart(5)} %  `
      + `${equal ? 'keeps up: window = ground truth' : 'BEHIND: window differs from ground truth'} (${expected} trades, ${gaps} gaps open)`;
  } finally {
    for (const { child } of sims) child.kill('SIGTERM');
    await Promise.all(sims.map(({ child }) => once(child, 'exit')));
  }
}

console.log(`bench:observer: ${SECONDS} s per step; CPU is % of one core used by this process (the observer), the simulator runs apart`);
for (const s of STEPS) console.log(`  ${await step(s)}`);
console.log('  targets: under 5 % CPU at the default rate; keeps up at 10,000 trades/s');
