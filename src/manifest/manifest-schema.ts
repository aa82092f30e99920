import { z } from 'zod';
import type { StackManifest } from './manifest';

const NAME = z.string().min(1);
/** Environment variable names only: a secret pasted here would fail this pattern. */
const ENV_NAME = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { message: 'must be an environment variable name (letters, digits, _)' });
const PORT = z.number().int().min(1).max(65_535);
const URL_TEXT = z.string().regex(/^(wss?|https?):\/\/\S+$/, { message: 'must be a ws://, wss://, http:// or https:// URL' });
const perExchange = <T extends z.ZodType>(value: T) => z.object({ binance: value, kraken: value, coinbase: value }).strict();

/** The zod schema of `StackManifest`; strict, so a misspelt key is an error, not a silent default. */
export const STACK_MANIFEST_SCHEMA = z
  .object({
    name: NAME,
    project: NAME.optional(),
    services: z
      .object({
        broker: NAME,
        olap: NAME,
        objectStore: NAME,
        catalogDb: NAME,
        offload: NAME,
        feedHandlers: perExchange(NAME),
        exchanges: perExchange(NAME).optional(),
      })
      .strict(),
    network: NAME,
    kafka: z
      .object({
        rawTopics: perExchange(NAME),
        dlqTopics: perExchange(NAME).optional(),
        consumerGroups: perExchange(NAME),
      })
      .strict(),
    clickhouse: z
      .object({
        database: NAME,
        bronzeTables: perExchange(NAME),
        silverTable: NAME,
        goldTable: NAME,
        tradeIdColumn: z.object({ bronze: NAME, silver: NAME }).strict(),
      })
      .strict(),
    watermarks: z
      .object({
        table: NAME,
        columns: z
          .object({
            tableName: NAME,
            timestamp: NAME,
            maxSequence: NAME,
            rowCount: NAME,
            status: NAME,
            lastSuccessfulRun: NAME,
            failureCount: NAME,
            lastError: NAME,
            updatedAt: NAME,
          })
          .strict(),
      })
      .strict(),
    objectStore: z.object({ bucket: NAME }).strict(),
    credentials: z
      .object({
        clickhouseUser: ENV_NAME,
        clickhousePassword: ENV_NAME,
        postgresUser: ENV_NAME,
        postgresPassword: ENV_NAME,
        postgresDatabase: ENV_NAME,
        s3AccessKey: ENV_NAME,
        s3SecretKey: ENV_NAME,
      })
      .strict(),
    ports: z
      .object({
        broker: PORT.optional(),
        olap: PORT.optional(),
        objectStore: PORT.optional(),
        catalogDb: PORT.optional(),
        feedHandler: PORT.optional(),
        exchange: PORT.optional(),
        offload: PORT.optional(),
      })
      .strict()
      .optional(),
    skipChecks: z
      .object({
        services: NAME.optional(),
        network: NAME.optional(),
        clickhouse: NAME.optional(),
        topics: NAME.optional(),
        watermarks: NAME.optional(),
        bucket: NAME.optional(),
      })
      .strict()
      .optional(),
    liveExchanges: perExchange(z.object({ wsUrl: URL_TEXT, restUrl: URL_TEXT }).strict()).optional(),
    groundTruth: z.enum(['simulator', 'observer']).optional(),
    exchangeSymbols: perExchange(z.array(z.string().min(1)).min(1)).optional(),
  })
  .strict() satisfies z.ZodType<StackManifest>;
