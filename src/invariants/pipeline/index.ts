/** Checkers over recorded pipeline data: pure functions returning valid / invalid / unknown. */
export { tradeLedger, type TradeLedgerInput } from './trade-ledger';
export { crossExchangeIsolation, type CrossExchangeIsolationInput } from './cross-exchange-isolation';
export { noIngestionGap, type NoIngestionGapInput } from './no-ingestion-gap';
export { offsetsNeverRegress, type OffsetsNeverRegressInput } from './offsets-never-regress';
export type { CountSeries, TimeWindow } from './count-series';
export { goldMatchesSilver, type GoldMatchesSilverInput } from './gold-matches-silver';
