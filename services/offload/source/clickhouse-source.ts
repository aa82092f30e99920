import { createClient, ClickHouseLogLevel, type ClickHouseClient } from '@clickhouse/client';
import { planColumn, type ColumnPlan } from './column-types';
import { decodeRowBinary, type DecodedColumns } from './row-binary-columns';

export interface ClickHouseConnection {
  url: string;
  username: string;
  password: string;
  database: string;
}

/** A window of whole seconds `(startSec, endSec]` on the table's time column. */
export interface TimeWindow {
  startSec: number;
  endSec: number;
}

/**
 * A table whose rows have an identity (silver: exchange, symbol, trade id) and may hold a row
 * twice until a merge (an at-least-once delivery). Its windows carry each key once: a key a
 * previous window already held is left out, so two copies in two windows reach Iceberg once.
 */
export interface UniqueKey {
  columns: string[];
  /**
   * A column every copy of a row shares (the trade's own time): earlier copies are looked for
   * only from the window's least value of it on, not in the whole table.
   */
  eventTimeColumn: string;
}

export interface WindowRows extends DecodedColumns {
  plans: ColumnPlan[];
}

/** Reads offload windows from ClickHouse tables (HTTP, RowBinary). */
export class ClickHouseSource {
  private readonly client: ClickHouseClient;

  constructor(private readonly conn: ClickHouseConnection, private readonly timeoutMs: number) {
    this.client = createClient({
      url: conn.url,
      username: conn.username,
      password: conn.password,
      database: conn.database,
      request_timeout: timeoutMs,
      log: { level: ClickHouseLogLevel.OFF },
    });
  }

  /** The column plans of `table`, or an error naming the table when it is missing or has a type the offload cannot carry. */
  async describe(table: string, timeColumn: string): Promise<ColumnPlan[]> {
    const result = await this.named(() => this.client.query({ query: `DESCRIBE TABLE ${this.qualified(table)}`, format: 'JSONEachRow' }));
    const rows = await this.named(() => result.json<{ name: string; type: string; default_type: string }>());
    // ALIAS columns are computed on read and are not part of the stored row.
    const plans = rows.filter((r) => r.default_type !== 'ALIAS').map((r) => planColumn(r.name, r.type));
    const time = plans.find((p) => p.name === timeColumn);
    if (!time) throw new Error(`ClickHouse table ${this.qualified(table)} has no time column "${timeColumn}"`);
    if (time.wire !== 'datetime' || time.nullable) throw new Error(`time column ${timeColumn} of ${table} must be DateTime, is ${time.clickhouseType}`);
    return plans;
  }

  /**
   * Every row of the window, all columns. The result streams unbuffered (buffering 100+ MB on
   * the server costs more than the transfer), so an error after the first bytes would arrive as
   * text appended to the rows: the decoded count is checked against a count of the same closed
   * window, and any difference fails the run.
   */
  async readWindow(table: string, plans: ColumnPlan[], timeColumn: string, window: TimeWindow, uniqueKey?: UniqueKey): Promise<WindowRows> {
    const filter = await this.windowFilter(table, timeColumn, window, uniqueKey);
    const query = `SELECT ${plans.map((p) => p.select).join(', ')} ${filter} FORMAT RowBinary`;
    const body = await this.named(async () => {
      const { stream } = await this.client.exec({ query });
      const chunks: Buffer[] = [];
      for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(chunk);
      return Buffer.concat(chunks);
    });
    let decoded: DecodedColumns;
    try {
      decoded = await decodeRowBinary(body, plans);
    } catch (error) {
      throw new Error(`ClickHouse ${this.conn.url}: unreadable result for ${table} (${(error as Error).message}): ${body.subarray(-300).toString('latin1').replace(/[^\x20-\x7e]+/g, ' ').trim()}`);
    }
    const counted = await this.named(async () => {
      const result = await this.client.query({ query: `SELECT count() AS n FROM (SELECT ${(uniqueKey?.columns ?? [timeColumn]).map(quote).join(', ')} ${filter})`, format: 'JSONEachRow' });
      return Number((await result.json<{ n: string }>())[0]?.n ?? -1);
    });
    if (counted !== decoded.rowCount) {
      throw new Error(`ClickHouse ${this.conn.url}: read ${decoded.rowCount} rows of ${table} but the window holds ${counted}; result truncated or rows still arriving`);
    }
    return { plans, ...decoded };
  }

  /**
   * `FROM ... WHERE ...` of the window's rows. With a unique key: keys an earlier row already
   * held (time at or before the window's start, same event time or later than the window's
   * earliest) are left out, and each remaining key comes once.
   */
  private async windowFilter(table: string, timeColumn: string, window: TimeWindow, uniqueKey: UniqueKey | undefined): Promise<string> {
    const from = this.qualified(table);
    const time = quote(timeColumn);
    const inWindow = `${time} > toDateTime(${window.startSec}) AND ${time} <= toDateTime(${window.endSec})`;
    if (!uniqueKey) return `FROM ${from} WHERE ${inWindow}`;
    const event = quote(uniqueKey.eventTimeColumn);
    const earliest = await this.named(async () => {
      const result = await this.client.query({ query: `SELECT count() AS n, toUInt32(min(${event})) AS earliest FROM ${from} WHERE ${inWindow}`, format: 'JSONEachRow' });
      const [row] = await result.json<{ n: string; earliest: string | number }>();
      return Number(row?.n ?? 0) === 0 ? undefined : Number(row!.earliest);
    });
    // An empty window: nothing to look up earlier copies for.
    if (earliest === undefined) return `FROM ${from} WHERE ${inWindow}`;
    const key = uniqueKey.columns.map(quote).join(', ');
    const earlierKeys = `SELECT ${key} FROM ${from} WHERE ${time} <= toDateTime(${window.startSec}) AND ${event} >= toDateTime(${earliest})`;
    return `FROM ${from} WHERE ${inWindow} AND (${key}) NOT IN (${earlierKeys}) LIMIT 1 BY ${key}`;
  }

  close(): Promise<void> {
    return this.client.close();
  }

  /** Errors name ClickHouse, so a FAILED run says which dependency failed. */
  private async named<T>(op: () => Promise<T>): Promise<T> {
    try {
      return await op();
    } catch (error) {
      const e = error as { message?: string; code?: string };
      throw new Error(`ClickHouse ${this.conn.url}: ${e.message || e.code || String(error)}`);
    }
  }

  private qualified(table: string): string {
    return table.includes('.') ? table : `${this.conn.database}.${table}`;
  }
}

function quote(column: string): string {
  return `\`${column.replace(/`/g, '\\`')}\``;
}
