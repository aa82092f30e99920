import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { MetricsRegistry } from '../shared/prometheus';
import { applyPostgresSchema } from '../../stack/postgres/schema';
import type { OffloadConfig } from './offload-config';
import { ClickHouseSource } from './source/clickhouse-source';
import { WarehouseStore } from './warehouse-store';
import { describe, offloadTableRun, type RunProgress, type RunResult } from './offload-table-run';
import { markRunFailed, type RunState } from './postgres/run-ledger';
import { recordWatermarkFailure } from './postgres/watermarks';

export interface TriggerOptions {
  /** Subset of the configured tables; all when absent. */
  tables?: string[];
  /** Stop the run after its first data file is stored, until `release()` (a chaos breakpoint). */
  holdAt?: 'uploading';
  trigger?: string;
}

export interface WorkerStatus {
  workerId: string;
  state: 'idle' | 'running';
  /** `idle` or the current run's phase. */
  phase: 'idle' | RunProgress['phase'];
  held: boolean;
  currentRun: null | { id: string; table: string; trigger: string; cycle: number } & RunProgress;
  cyclesCompleted: number;
  /** Results of recent runs, newest last, with the cycle they belong to. */
  recentRuns: Array<RunResult & { cycle: number; finishedAt: string }>;
  /** True while the latest run of some table failed: the alert condition. */
  failing: boolean;
  failingTables: string[];
  nextScheduledAt: string | null;
}

type PendingFailure = Parameters<typeof markRunFailed>[1];
const RECENT_RUNS = 50;

/**
 * The offload worker: runs a cycle (every configured table, one after another) on its schedule
 * and on demand, one cycle at a time, and exposes its progress and an alert signal.
 */
export class OffloadWorker {
  readonly workerId = randomUUID();
  readonly metrics = new MetricsRegistry();
  private readonly source: ClickHouseSource;
  private readonly store: WarehouseStore;
  private readonly countRun = this.metrics.counter('k2_offload_runs_total', 'Offload runs finished, by table and final state');
  private readonly countFailure = this.metrics.counter('k2_offload_failures_total', 'Offload runs that failed, by table');
  private readonly countRows = this.metrics.counter('k2_offload_rows_total', 'Rows committed to Iceberg, by table');
  private readonly setFailing = this.metrics.gauge('k2_offload_failing', 'Alert signal: 1 while the latest run of the table (no label: of any table) failed');
  private readonly setLastSuccess = this.metrics.gauge('k2_offload_last_success_timestamp_seconds', 'Unix time of the latest COMPLETED run, by table');
  private chain: Promise<unknown> = Promise.resolve();
  private cycle = 0;
  private timer: NodeJS.Timeout | undefined;
  private nextAt: number | null = null;
  private schemaApplied = false;
  private readonly pending: PendingFailure[] = [];
  private readonly failingTables = new Set<string>();
  private release: (() => void) | undefined;
  private readonly status: WorkerStatus;

  constructor(private readonly config: OffloadConfig) {
    this.source = new ClickHouseSource(config.clickhouse, config.callTimeoutMs);
    this.store = new WarehouseStore(config.objectStore, config.callTimeoutMs);
    this.status = { workerId: this.workerId, state: 'idle', phase: 'idle', held: false, currentRun: null, cyclesCompleted: 0, recentRuns: [], failing: false, failingTables: [], nextScheduledAt: null };
    this.setFailing(0);
  }

  /** Starts the schedule (no-op when the interval is 0). The first scheduled cycle is one interval away. */
  startSchedule(): void {
    if (this.config.intervalMs <= 0) return;
    const arm = () => {
      this.nextAt = Date.now() + this.config.intervalMs;
      this.timer = setTimeout(() => {
        void this.trigger({ trigger: 'schedule' }).done.catch(() => undefined).finally(arm);
      }, this.config.intervalMs);
    };
    arm();
  }

  /** Queues a cycle; resolves with its runs once it has finished. */
  trigger(options: TriggerOptions = {}): { cycle: number; done: Promise<RunResult[]> } {
    const unknown = (options.tables ?? []).filter((t) => !this.config.tables.includes(t));
    if (unknown.length) throw new Error(`unknown table(s) ${unknown.join(', ')}; configured: ${this.config.tables.join(', ')}`);
    const cycle = ++this.cycle;
    const done = this.chain.then(() => this.runCycle(cycle, options));
    this.chain = done.catch(() => undefined);
    return { cycle, done };
  }

  /** Lets a held run continue. Returns false when no run is held. */
  releaseHold(): boolean {
    const release = this.release;
    if (!release) return false;
    release();
    return true;
  }

  getStatus(): WorkerStatus {
    return { ...this.status, nextScheduledAt: this.nextAt ? new Date(this.nextAt).toISOString() : null, failingTables: [...this.failingTables], failing: this.failingTables.size > 0 };
  }

  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.releaseHold();
    await this.chain;
    await this.source.close();
  }

  private async runCycle(cycle: number, options: TriggerOptions): Promise<RunResult[]> {
    const results: RunResult[] = [];
    this.status.state = 'running';
    try {
      for (const table of options.tables ?? this.config.tables) {
        const result = await this.runTable(cycle, table, options);
        results.push(result);
        this.account(cycle, result);
      }
    } finally {
      this.status.state = 'idle';
      this.status.phase = 'idle';
      this.status.currentRun = null;
      this.status.cyclesCompleted++;
    }
    return results;
  }

  private async runTable(cycle: number, table: string, options: TriggerOptions): Promise<RunResult> {
    const id = randomUUID();
    const trigger = options.trigger ?? 'manual';
    const run = { id, table, trigger, cycle };
    const progress = (p: RunProgress) => {
      this.status.currentRun = { ...run, ...p };
      this.status.phase = p.phase;
    };
    progress({ phase: 'locking' });
    const client = new pg.Client({ ...this.config.postgres, connectionTimeoutMillis: this.config.callTimeoutMs, statement_timeout: this.config.callTimeoutMs });
    // A dropped connection surfaces on the next query; without a listener it would crash the worker.
    client.on('error', () => undefined);
    try {
      await client.connect();
      if (!this.schemaApplied) {
        await applyPostgresSchema(client);
        this.schemaApplied = true;
      }
      await this.flushPending(client);
      return await offloadTableRun({
        id, table, trigger, workerId: this.workerId, config: this.config, postgres: client, source: this.source, store: this.store,
        now: () => Date.now(), onProgress: progress,
        afterFirstUpload: () => (options.holdAt === 'uploading' ? this.hold() : Promise.resolve()),
      });
    } catch (error) {
      // Postgres itself failed: remember the run so the ledger gets it once Postgres answers again.
      const message = `catalog database: ${describe(error)}`;
      const window = this.status.currentRun?.window;
      this.pending.push({ id, table, trigger, workerId: this.workerId, error: message, ...(window ? { window } : {}) });
      return { id, table, state: 'FAILED', rows: 0, files: 0, error: message, recovered: [], ...(window ? { window } : {}) };
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  private async hold(): Promise<void> {
    this.status.held = true;
    console.log('offload run held after its first data file upload; POST /runs/release to continue');
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, this.config.holdTimeoutMs);
      this.release = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    this.release = undefined;
    this.status.held = false;
  }

  private async flushPending(client: pg.Client): Promise<void> {
    while (this.pending.length) {
      const f = this.pending[0]!;
      await markRunFailed(client, f);
      await recordWatermarkFailure(client, f.table, f.error);
      this.pending.shift();
    }
  }

  private account(cycle: number, result: RunResult): void {
    const state: RunState | 'SKIPPED' = result.state;
    this.countRun(1, { table: result.table, state });
    if (result.state === 'FAILED') {
      this.countFailure(1, { table: result.table });
      this.failingTables.add(result.table);
      console.log(`offload run ${result.id} ${result.table} FAILED: ${result.error}`);
    } else if (result.state === 'COMPLETED') {
      this.countRows(result.rows, { table: result.table });
      this.failingTables.delete(result.table);
      this.setLastSuccess(Math.round(Date.now() / 1000), { table: result.table });
      console.log(`offload run ${result.id} ${result.table} COMPLETED: ${result.rows} rows in ${result.files} files`);
    }
    this.setFailing(this.failingTables.has(result.table) ? 1 : 0, { table: result.table });
    this.setFailing(this.failingTables.size > 0 ? 1 : 0);
    this.status.recentRuns = [...this.status.recentRuns, { ...result, cycle, finishedAt: new Date().toISOString() }].slice(-RECENT_RUNS);
  }
}
