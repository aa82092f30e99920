/** One simulated trade: everything but its time is a pure function of (seed, symbol, id). */
export interface SimTrade {
  id: number;
  /** Decimal string with the symbol's precision, as exchanges send it. */
  price: string;
  quantity: string;
  /** True when the buyer was the resting (maker) order, i.e. the taker sold. */
  buyerIsMaker: boolean;
}

const REFERENCE_PRICES: Record<string, number> = {
  BTC: 65_000, ETH: 3_400, SOL: 150, XRP: 0.6, ADA: 0.45, DOGE: 0.15, AVAX: 35, DOT: 7, LINK: 15,
  LTC: 85, BCH: 450, ATOM: 9, UNI: 8, XLM: 0.11, ETC: 27, FIL: 5.5, NEAR: 6, APT: 9, ARB: 1.1, OP: 2.4,
};

/** 32-bit avalanche mix (the murmur3 finalizer). */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85eb_ca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2_ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function hashString(text: string): number {
  let h = 0x811c_9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x0100_0193);
  return mix(h);
}

/** Uniform in [0, 1) from the seed, a symbol hash, the id and a stream number. */
function uniform(seed: number, symbolHash: number, id: number, stream: number): number {
  const lo = id >>> 0;
  const hi = Math.floor(id / 0x1_0000_0000);
  const h = mix(mix(mix(mix(seed ^ 0x9e37_79b9) ^ symbolHash) ^ lo) ^ mix(hi + stream * 0x27d4_eb2d));
  return h / 0x1_0000_0000;
}

/** Decimals for prices so that the tick is about a millionth of the price. */
function priceDecimals(reference: number): number {
  return Math.min(8, Math.max(2, 6 - Math.floor(Math.log10(reference))));
}

/**
 * Generates trades for one symbol of one seed. The price follows a slow deterministic wave plus
 * noise, so any past id can be regenerated for REST history without storing it.
 */
export class TradeModel {
  private readonly symbolHash: number;
  private readonly reference: number;
  private readonly decimals: number;
  private readonly phase: number;

  constructor(private readonly seed: number, symbol: string, base: string) {
    this.symbolHash = hashString(symbol);
    this.reference = REFERENCE_PRICES[base] ?? 1 + (hashString(base) % 1000) / 10;
    this.decimals = priceDecimals(this.reference);
    this.phase = uniform(seed, this.symbolHash, 0, 7) * Math.PI * 2;
  }

  trade(id: number): SimTrade {
    const wave = 1 + 0.02 * Math.sin(id / 5_000 + this.phase);
    const noise = 1 + (uniform(this.seed, this.symbolHash, id, 1) - 0.5) * 0.002;
    const size = uniform(this.seed, this.symbolHash, id, 2);
    // Many small trades and a few large ones, sized so each is worth roughly 1 to 20,000 USD.
    const notional = 1 + size ** 4 * 20_000;
    const quantity = Math.max(notional / this.reference, 10 ** -8);
    return {
      id,
      price: (this.reference * wave * noise).toFixed(this.decimals),
      quantity: quantity.toFixed(8),
      buyerIsMaker: uniform(this.seed, this.symbolHash, id, 3) < 0.5,
    };
  }
}
