import type { InvariantResult } from '../report-model/chaos-record';

/**
 * A data checker run after recovery: a function returning its result, or a named object (whose
 * name survives a crash). Checkers are Jepsen-style: valid, invalid, or unknown.
 */
export type InvariantCheck = (() => Promise<InvariantResult>) | { name: string; check(): Promise<InvariantResult> };
