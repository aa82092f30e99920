import { rmSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { parsePrometheusText } from '../../services/shared/prometheus';
import { boundAddress, kafkaFor, spawnBrokerCli, stopProcess, tempDir } from './broker-harness';

test.describe('k2-chaos broker command', () => {
  test('serves two listeners with their own advertised addresses, /health and /metrics, and exits 0 on SIGTERM', async () => {
    const dataDir = tempDir('cli');
    const broker = spawnBrokerCli([
      '--data-dir', dataDir, '--listen', '127.0.0.1:0', '--advertise', 'localhost:0',
      '--listen', '127.0.0.1:0', '--http', '127.0.0.1:0', '--fsync', 'interval:50',
    ]);
    try {
      await boundAddress(broker);
      await expect.poll(() => /http: (\S+)/.test(broker.output())).toBe(true);
      const httpUrl = /http: (\S+)/.exec(broker.output())![1]!;
      const second = /listener 1: bound (\S+), advertised (\S+)/.exec(broker.output())!;
      const first = /listener 0: bound (\S+), advertised (\S+)/.exec(broker.output())!;
      expect(first[2]).toBe(`localhost:${first[1]!.split(':')[1]}`);
      expect(second[2]).toBe(second[1]);

      const health = await fetch(`${httpUrl}/health`);
      expect(health.status).toBe(200);
      const viaAdvertised = kafkaFor([first[1]!]).producer();
      await viaAdvertised.connect();
      await viaAdvertised.send({ topic: 'cli.topic', acks: -1, messages: [{ value: 'x' }] });
      await viaAdvertised.disconnect();
      const admin = kafkaFor([second[1]!]).admin();
      await admin.connect();
      const meta = await admin.fetchTopicMetadata({ topics: ['cli.topic'] });
      expect(meta.topics[0]!.partitions).toHaveLength(3);
      await admin.disconnect();

      const metrics = parsePrometheusText(await (await fetch(`${httpUrl}/metrics`)).text());
      expect(metrics.get('k2_broker_produced_records_total')).toBe(1);
      expect(metrics.get('k2_broker_topics')).toBe(1);
      expect(await stopProcess(broker, 'SIGTERM')).toBe(0);
    } finally {
      await stopProcess(broker, 'SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  for (const [args, message] of [
    [['--listen', '127.0.0.1:0'], '--data-dir is required'],
    [['--data-dir', '/nonexistent-k2'], '--listen is required'],
    [['--data-dir', 'x', '--listen', 'nope'], '--listen must be HOST:PORT'],
    [['--data-dir', 'x', '--listen', '127.0.0.1:0', '--fsync', 'sometimes'], '--fsync must be batch, none or interval:<ms>'],
    [['--data-dir', 'x', '--listen', '127.0.0.1:0', '--auto-create-topics', 'yes'], '--auto-create-topics must be true or false'],
    [['--data-dir', 'x', '--listen', '127.0.0.1:0', '--default-partitions', '0'], '--default-partitions must be a positive integer'],
    [['--data-dir', 'x', '--listen', '127.0.0.1:0', '--advertise', 'a:1', '--advertise', 'b:2'], '--advertise given 2 times for 1 --listen'],
    [['--data-dir', 'x', '--listen', '127.0.0.1:0', '--bogus'], 'bogus'],
  ] as const) {
    test(`rejects bad flags: ${message}`, async () => {
      const broker = spawnBrokerCli([...args]);
      expect(await broker.exited).toBe(2);
      expect(broker.output()).toContain(message);
    });
  }
});
