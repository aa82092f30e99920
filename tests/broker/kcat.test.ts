import { spawn } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { inProcessBroker } from './broker-harness';

/** Runs kcat (librdkafka 2.0) with `input` on stdin; resolves with stdout, rejects on a non-zero exit. */
function kcat(args: string[], input = '', timeoutMs = 60_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('kcat', args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(out);
      else reject(new Error(`kcat ${args.join(' ')} exited ${code}: ${err}`));
    });
    child.stdin.end(input);
  });
}

test.describe('kcat (librdkafka 2.0) against the embedded broker', () => {
  test('produces, consumes, and consumes as a group from committed offsets', async () => {
    const broker = await inProcessBroker();
    const bootstrap = broker.bootstrap[0]!;
    try {
      const lines = Array.from({ length: 50 }, (_, i) => `{"trade_id":${i}}`);
      await kcat(['-b', bootstrap, '-P', '-t', 'kc', '-K', ':', '-X', 'acks=all'], `${lines.map((l, i) => `k${i % 5}:${l}`).join('\n')}\n`);
      const plain = await kcat(['-b', bootstrap, '-C', '-t', 'kc', '-o', 'beginning', '-e', '-q']);
      expect(plain.trim().split('\n').sort()).toEqual([...lines].sort());

      const grouped = await kcat(['-b', bootstrap, '-G', 'kc-group', 'kc', '-o', 'beginning', '-e', '-q', '-X', 'enable.auto.commit=true', '-X', 'auto.commit.interval.ms=100']);
      expect(grouped.trim().split('\n').sort()).toEqual([...lines].sort());

      const admin = broker.kafka.admin();
      await admin.connect();
      const committed = await admin.fetchOffsets({ groupId: 'kc-group', topics: ['kc'] });
      const total = committed[0]!.partitions.reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0);
      expect(total).toBe(50);
      await admin.disconnect();

      await kcat(['-b', bootstrap, '-P', '-t', 'kc', '-p', '0'], 'late\n');
      const resumed = await kcat(['-b', bootstrap, '-G', 'kc-group', 'kc', '-e', '-q']);
      expect(resumed.trim()).toBe('late');
    } finally {
      await broker.dispose();
    }
  });
});
