import { MetricsRegistry } from '../../shared/prometheus';

/** The broker's Prometheus metrics. */
export class BrokerMetrics {
  readonly registry = new MetricsRegistry();
  readonly requests = this.registry.counter('k2_broker_requests_total', 'Requests handled, by API key');
  readonly producedRecords = this.registry.counter('k2_broker_produced_records_total', 'Records appended to the log');
  readonly producedBytes = this.registry.counter('k2_broker_produced_bytes_total', 'Record-batch bytes appended to the log');
  readonly fetchedBytes = this.registry.counter('k2_broker_fetched_bytes_total', 'Record-batch bytes served to fetches');
  readonly storageErrors = this.registry.counter('k2_broker_storage_errors_total', 'Writes the disk refused (full, read-only); each answered KAFKA_STORAGE_ERROR, nothing kept');
  readonly rejectedFrames = this.registry.counter('k2_broker_rejected_frames_total', 'Frames that closed their connection (malformed, oversized, unknown API)');
  readonly connections = this.registry.gauge('k2_broker_connections', 'Open client connections');
  readonly topics = this.registry.gauge('k2_broker_topics', 'Topics in the log');
  readonly groups = this.registry.gauge('k2_broker_consumer_groups', 'Consumer groups known to the coordinator');
}
