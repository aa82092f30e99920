import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { Outbox, type OutboxRecord } from '../../services/feed-handler/outbox';

const record = (i: number): OutboxRecord => ({ topic: 't', key: 'k', value: `{"n":${i}}`, symbol: 'S', tradeId: i, timeMs: i });

function drain(outbox: Outbox, batch: number): number[] {
  const out: number[] = [];
  for (let records = outbox.peek(batch); records.length > 0; records = outbox.peek(batch)) {
    out.push(...records.map((r) => r.tradeId!));
    outbox.ack(records.length);
  }
  return out;
}

test('keeps exact order across memory, disk segments and memory again', () => {
  const dir = mkdtempSync(join(tmpdir(), 'k2-outbox-'));
  try {
    const outbox = new Outbox({ dir, memoryMaxRecords: 10, diskMaxBytes: 1_000_000, segmentRecords: 7 });
    for (let i = 1; i <= 50; i++) expect(outbox.push(record(i))).toBe(true);
    expect(outbox.size).toBe(50);
    expect(outbox.spilled).toBe(40);
    expect(readdirSync(dir).length).toBe(5);
    const first: number[] = [];
    while (first.length < 12) {
      const records = outbox.peek(4);
      first.push(...records.map((r) => r.tradeId!));
      outbox.ack(records.length);
    }
    // Pushing while draining must still come after everything spilled before.
    for (let i = 51; i <= 60; i++) outbox.push(record(i));
    const rest = drain(outbox, 3);
    expect([...first, ...rest]).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    expect(outbox.size).toBe(0);
    expect(readdirSync(dir)).toEqual([]);
    expect(outbox.spilledTotal).toBeGreaterThanOrEqual(40);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('drops and counts records once the disk budget is spent, and accepts again after draining', () => {
  const dir = mkdtempSync(join(tmpdir(), 'k2-outbox-'));
  try {
    const outbox = new Outbox({ dir, memoryMaxRecords: 5, diskMaxBytes: 200, segmentRecords: 5 });
    const accepted = Array.from({ length: 40 }, (_, i) => outbox.push(record(i + 1)));
    expect(accepted.filter((a) => !a).length).toBeGreaterThan(0);
    expect(outbox.droppedTotal).toBe(accepted.filter((a) => !a).length);
    expect(outbox.hasRoom).toBe(false);
    const drained = drain(outbox, 100);
    expect(drained).toEqual([...drained].sort((a, b) => a - b));
    expect(outbox.hasRoom).toBe(true);
    expect(outbox.push(record(99))).toBe(true);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a restart starts from an empty spill folder (the topic is the record of what was produced)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'k2-outbox-'));
  try {
    const outbox = new Outbox({ dir, memoryMaxRecords: 1, diskMaxBytes: 1_000_000, segmentRecords: 1 });
    for (let i = 1; i <= 5; i++) outbox.push(record(i));
    expect(readdirSync(dir).length).toBeGreaterThan(0);
    const again = new Outbox({ dir, memoryMaxRecords: 1, diskMaxBytes: 1_000_000, segmentRecords: 1 });
    expect(again.size).toBe(0);
    expect(readdirSync(dir)).toEqual([]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a spill folder that cannot be written keeps the records in memory, in order, instead of throwing or losing them', () => {
  const dir = mkdtempSync(join(tmpdir(), 'k2-outbox-'));
  const outbox = new Outbox({ dir, memoryMaxRecords: 2, diskMaxBytes: 1_000_000, segmentRecords: 3 });
  rmSync(dir, { recursive: true, force: true });
  for (let i = 1; i <= 9; i++) expect(() => outbox.push(record(i))).not.toThrow();
  expect(outbox.lastDiskError).toContain('ENOENT');
  expect(outbox.size).toBe(9);
  expect(drain(outbox, 2)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  expect(outbox.lostToDiskErrors).toBe(0);
});
