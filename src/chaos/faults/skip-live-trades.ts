import type { Fault } from '../fault';
import { exchangeControl, getControl, postControl } from './exchange-control';

export interface SkipLiveTradesOptions {
  /** Trades of every symbol left off the live feed. */
  perSymbol: number;
}

/** How long inject waits for the exchange to have left every asked-for trade out. */
const SKIP_DONE_TIMEOUT_MS = 15_000;
const POLL_MS = 100;

/**
 * The exchange leaves the next `perSymbol` trades of every symbol off its live feed (the
 * simulator's `POST /control/skip`), as an exchange that dropped messages does: the ids on the
 * feed jump, and only REST history has the trades in between. The connection stays up, so only
 * the handler's check of consecutive ids can notice. Inject returns once the trades were left
 * out; heal cancels whatever is left of the skip.
 */
export function skipLiveTrades(service: string, options: SkipLiveTradesOptions): Fault {
  let skipped = 0;
  return {
    name: `${service} leaves ${options.perSymbol} trades per symbol off its live feed`,
    service,
    action: 'skip-trades',
    network: false,
    parameters: { perSymbol: options.perSymbol },
    inject: async (stack) => {
      const { url } = exchangeControl(stack, service);
      const before = ((await getControl(`${url}/skip`, service)) as { skipped: number }).skipped;
      await postControl(`${url}/skip`, service, { count: options.perSymbol });
      const deadline = Date.now() + SKIP_DONE_TIMEOUT_MS;
      for (;;) {
        const now = (await getControl(`${url}/skip`, service)) as { pending: number; skipped: number };
        skipped = now.skipped - before;
        if (now.pending === 0 || Date.now() >= deadline) return;
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
    },
    heal: async (stack) => {
      const { url } = exchangeControl(stack, service);
      await postControl(`${url}/skip`, service, { count: 0 });
    },
    confirm: () =>
      skipped > 0
        ? { applied: true, detail: `${service} left ${skipped} trades off its live feed` }
        : { applied: false, detail: `${service} left no trade off its live feed (no symbol traded?)` },
  };
}
