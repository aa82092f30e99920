import type { CliCommand } from '../../src/cli/command';
import { UsageError } from '../../src/cli/command';
import { parseFlags, parseHostPort, positiveInt, requireFlag } from '../../src/cli/flags';
import { EXCHANGES, isExchange } from '../../src/stack/names';
import { startExchangeSim } from './exchange-sim';
import { DEFAULT_SIM_SYMBOLS } from './urls';

const DEFAULT_RATE = 10;

const usage = `Usage: k2-chaos exchange-sim --exchange ${EXCHANGES.join('|')} --listen HOST:PORT [--seed N] [--symbols N] [--rate TRADES_PER_SEC_PER_SYMBOL]

Simulates one exchange on one port: the WebSocket trade feed, the exchange's REST trade history,
/health, /metrics and the ground-truth control API under /control/.

  --exchange   binance (/ws, <symbol>@trade), kraken (/v2, trade channel) or coinbase (/, market_trades)
  --listen     address to bind; port 0 picks a free one (the URLs are printed on start)
  --seed       trades are a pure function of (seed, symbol, id); default 1
  --symbols    how many symbols to trade; default ${DEFAULT_SIM_SYMBOLS}
  --rate       trades per second per symbol, fractions allowed; default ${DEFAULT_RATE}
  --public-only  only the exchange's public surface (feed and REST history): no /control/ API,
               no ground truth; what a harness sees of a live exchange. Also on when the
               environment says K2_GROUND_TRUTH=observer (how docker-compose.v2.yml asks for it)`;

function positiveNumber(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`${flag} must be a positive number, got "${value}"`);
  return n;
}

export const command: CliCommand = {
  summary: 'Run an exchange simulator (Binance, Kraken or Coinbase feed, REST history, ground truth)',
  usage,
  async run(argv) {
    const { values } = parseFlags(argv, {
      exchange: { type: 'string' }, listen: { type: 'string' }, seed: { type: 'string' }, symbols: { type: 'string' }, rate: { type: 'string' },
      'public-only': { type: 'boolean' },
    });
    const exchange = requireFlag(values.exchange, '--exchange');
    if (!isExchange(exchange)) throw new UsageError(`--exchange must be one of ${EXCHANGES.join(', ')}, got "${exchange}"`);
    const { host, port } = parseHostPort(requireFlag(values.listen, '--listen'), '--listen');
    const seedText = values.seed ?? '1';
    const seed = Number(seedText);
    if (!Number.isSafeInteger(seed) || seed < 0) throw new UsageError(`--seed must be a non-negative integer, got "${seedText}"`);
    const publicOnly = Boolean(values['public-only']) || process.env.K2_GROUND_TRUTH === 'observer';
    const sim = await startExchangeSim({
      exchange, host, port, seed,
      symbols: positiveInt(values.symbols, '--symbols', DEFAULT_SIM_SYMBOLS),
      ratePerSymbol: positiveNumber(values.rate, '--rate', DEFAULT_RATE),
      publicOnly: publicOnly,
    });
    console.log(JSON.stringify({ event: 'listening', exchange, wsUrl: sim.wsUrl, restUrl: sim.restUrl, controlUrl: publicOnly ? null : sim.controlUrl, symbols: sim.symbols }));
    await new Promise<void>((resolve) => {
      process.once('SIGTERM', resolve);
      process.once('SIGINT', resolve);
    });
    await sim.close();
    return 0;
  },
};
