/** A validated trade, before it becomes a `RawTradeMessage`. */
export interface ParsedTrade {
  symbol: string;
  tradeId: number;
  price: number;
  quantity: number;
  priceText: string;
  quantityText: string;
  /** True when the buyer was the maker, i.e. the taker sold. */
  buyerIsMaker: boolean;
  exchangeTsMs: number;
  /** The exchange's JSON for this one trade. */
  raw: string;
}

/** A part of an exchange message that could not be used, with the reason. */
export interface Rejected {
  reason: string;
  payload: string;
}

/** What one exchange message yields: trades, rejects for the DLQ, and whether it was a control message. */
export interface ParseResult {
  trades: ParsedTrade[];
  rejected: Rejected[];
  /** An exchange error reply (bad subscription and the like), logged, not a trade. */
  exchangeError?: string;
}

/** Thrown by the field readers; its message names the field and what was wrong. */
export class FieldError extends Error {}

type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function str(obj: Json, field: string): string {
  const v = obj[field];
  if (typeof v !== 'string' || v === '') throw new FieldError(`${field}: expected a non-empty string, got ${describe(v)}`);
  return v;
}

/** A positive decimal given as a string ("65000.12") or a JSON number; keeps the text. */
export function decimal(obj: Json, field: string, form: 'string' | 'number'): { value: number; text: string } {
  const v = obj[field];
  if (form === 'string' ? typeof v !== 'string' : typeof v !== 'number') throw new FieldError(`${field}: expected a decimal ${form}, got ${describe(v)}`);
  const text = String(v);
  const value = Number(text);
  if (!/^\d+(\.\d+)?([eE][-+]?\d+)?$/.test(text) || !Number.isFinite(value) || value <= 0) throw new FieldError(`${field}: expected a positive decimal, got ${describe(v)}`);
  return { value, text };
}

/** A non-negative integer id, as a JSON number or (Coinbase) a string of digits. */
export function tradeId(obj: Json, field: string, form: 'string' | 'number'): number {
  const v = obj[field];
  const n = form === 'number' && typeof v === 'number' ? v : form === 'string' && typeof v === 'string' && /^\d{1,16}$/.test(v) ? Number(v) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < 0) throw new FieldError(`${field}: expected an integer trade id${form === 'string' ? ' as a string' : ''}, got ${describe(v)}`);
  return n;
}

export function epochMs(obj: Json, field: string): number {
  const v = obj[field];
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v <= 0) throw new FieldError(`${field}: expected a Unix time in ms, got ${describe(v)}`);
  return v;
}

export function isoTimeMs(obj: Json, field: string): number {
  const v = obj[field];
  const ms = typeof v === 'string' && /^\d{4}-\d\d-\d\dT/.test(v) ? Date.parse(v) : Number.NaN;
  if (!Number.isFinite(ms)) throw new FieldError(`${field}: expected an ISO 8601 time, got ${describe(v)}`);
  return ms;
}

export function oneOf<T extends string>(obj: Json, field: string, values: readonly T[]): T {
  const v = obj[field];
  if (typeof v !== 'string' || !values.includes(v as T)) throw new FieldError(`${field}: expected one of ${values.join('|')}, got ${describe(v)}`);
  return v as T;
}

export function describe(value: unknown): string {
  if (value === undefined) return 'nothing (missing)';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 40)}...` : text;
}

/** Parses JSON text, or returns the reason it is not JSON. */
export function parseJson(text: string): { value: unknown } | { error: string } {
  try {
    return { value: JSON.parse(text) };
  } catch (error) {
    return { error: `invalid JSON: ${(error as Error).message}` };
  }
}

/** Runs one element's reader; a FieldError (or any error) becomes a reject with the element's text. */
export function readElement(element: unknown, read: (obj: Json) => ParsedTrade, where: string): ParsedTrade | Rejected {
  // The payload text is only built for rejects: serializing every good trade twice is the hot path.
  const payload = () => JSON.stringify(element) ?? String(element);
  if (!isObject(element)) return { reason: `${where}: expected an object, got ${describe(element)}`, payload: payload() };
  try {
    return read(element);
  } catch (error) {
    return { reason: `${where}: ${(error as Error).message}`, payload: payload() };
  }
}
