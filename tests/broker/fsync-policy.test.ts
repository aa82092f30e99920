import { expect, test } from '@playwright/test';
import { FsyncPolicy } from '../../services/broker/log/fsync-policy';
import type { PartitionLog } from '../../services/broker/log/partition-log';

/** A log whose sync is already in flight (an append started it) and is about to fail, as on a disk gone read-only. */
function logWithFailingSyncInFlight(): PartitionLog {
  const inFlight = new Promise<void>((_resolve, reject) => setTimeout(() => reject(new Error('EROFS')), 50));
  inFlight.catch(() => undefined);
  return { sync: () => inFlight } as unknown as PartitionLog;
}

test('interval policy: a produce waiting for the flush is not released while a failing sync is in flight', async () => {
  const log = logWithFailingSyncInFlight();
  const policy = new FsyncPolicy({ kind: 'interval', intervalMs: 60_000 }, () => [log]);
  const waiting = policy.durable(log);
  await policy.flushAll();
  await expect(waiting).rejects.toThrow('EROFS');
  await policy.close().catch(() => undefined);
});

test('interval policy: a flush with nothing to sync releases its waiters', async () => {
  const idle = { sync: () => Promise.resolve() } as unknown as PartitionLog;
  const policy = new FsyncPolicy({ kind: 'interval', intervalMs: 60_000 }, () => [idle]);
  const waiting = policy.durable(idle);
  await policy.flushAll();
  await expect(waiting).resolves.toBeUndefined();
  await policy.close();
});
