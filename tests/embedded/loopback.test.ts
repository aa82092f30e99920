import { expect, test } from '@playwright/test';
import { answers, removeStack, startStack } from './support/embedded-harness';

test('on loopback, services get distinct ports and network faults are refused, not faked', async () => {
  const stack = await startStack(['postgres', 'clickhouse'], { network: 'loopback' });
  try {
    expect(stack.supportsNetworkFaults).toBe(false);
    expect(stack.endpoints.postgres.host).toBe('127.0.0.1');
    const ports = [stack.endpoints.postgres.port, ...Object.values(stack.context('clickhouse').ports)];
    expect(new Set(ports).size).toBe(ports.length);
    expect(await answers(stack, 'postgres')).toBe(true);
    expect(await answers(stack, 'clickhouse')).toBe(true);
    await expect(stack.disconnect('postgres')).rejects.toThrow('network faults are not supported');
    await stack.connect('postgres');
    await stack.kill('clickhouse');
    expect((await stack.state('clickhouse')).running).toBe(false);
    await stack.start('clickhouse');
    await stack.waitHealthy('clickhouse');
  } finally {
    await removeStack(stack);
  }
});
