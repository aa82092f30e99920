/** Read-only views of the reference pipeline: ClickHouse, broker offsets, simulator ground truth. */
export { PipelineSource, openPipelineSource } from './pipeline-source';
export { readTradeIdStats, type TradeIdStats, type TableTradeIds } from './trade-id-stats';
export { readSilverProgress, silverProgressProbe, type SilverProgress, type SilverExchangeProgress, type SilverProgressOptions } from './silver-progress';
export { readBrokerOffsets, type BrokerOffsets, type TopicOffsets, type PartitionOffsets } from './broker-offsets';
export { readGroundTruth, readExchangeGroundTruth, readLastIds, type GroundTruth, type ExchangeGroundTruth, type EmittedIds } from './simulator-emitted';
export { readObservedIds, type ObservedIds, type ObservedSymbolIds, type ObservedIdsRequest, type IdRange } from './observed-trade-ids';
export { pipelineTimeline } from './pipeline-timeline';
export { readLedgerObservations } from './ledger-observations';
export { readMinuteTradeCounts, type MinuteCounts, type MinuteCountsWindow } from './minute-trade-counts';
